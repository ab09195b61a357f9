/**
 * One timestamp format everywhere. The server writes UTC so the page reads without JavaScript; the page script
 * (`PAGE_SCRIPT`) turns it into the reader's local time with a relative "3 min ago", the ISO time in a tooltip.
 */
export function Time(props: { at: string | number | null | undefined; never?: string }) {
  if (props.at === null || props.at === undefined) return <span class="muted">{props.never ?? "never"}</span>;
  const iso = new Date(props.at).toISOString();
  return (
    <time datetime={iso} title={iso} data-local>
      {`${iso.replace("T", " ").slice(0, 19)} UTC`}
    </time>
  );
}

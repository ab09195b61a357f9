/** What a list entry shows of a sandbox discussion. */
export interface ListedDiscussion {
  num: number;
  title: string;
  status: string;
  isPullRequest: boolean;
  authorId: string;
}

/**
 * A sandbox repo's discussions, each linking to its page under `base` (the repo's `/discussions`), with its kind
 * and status; with `authors`, who opened it.
 */
export function DiscussionList(props: {
  base: string;
  discussions: ListedDiscussion[];
  authors?: Map<string, { name: string }>;
}) {
  const { base, discussions, authors } = props;
  if (discussions.length === 0)
    return (
      <p class="card muted" data-empty>
        No discussion yet.
      </p>
    );
  return (
    <ul class="card" data-discussions>
      {discussions.map((d) => (
        <li data-discussion={d.num}>
          <a href={`${base}/${d.num}`}>
            #{d.num} {d.title}
          </a>{" "}
          <span class="badge">{d.isPullRequest ? `pull request · ${d.status}` : d.status}</span>
          {authors && (
            <>
              {" "}
              <span class="muted">by {authors.get(d.authorId)?.name ?? "deleted"}</span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

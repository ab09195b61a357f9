/**
 * The whole stylesheet: a tidy settings page that reads well from phone to laptop widths. Text wraps between words
 * (`overflow-wrap:break-word`); only long unbroken tokens (URLs, ids, repo names: class `token`, and code) may
 * break anywhere, which also lets their table column give way first instead of splitting words in other columns.
 */
export const STYLES = `
:root{--fg:#111827;--muted:#6b7280;--line:#e5e7eb;--bg:#f9fafb;--card:#fff;--accent:#2563eb;--ok:#15803d;--bad:#b91c1c;--warn:#b45309}
*{box-sizing:border-box}[hidden]{display:none!important}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg)}
header.top{display:flex;align-items:center;justify-content:space-between;gap:1rem;padding:.75rem 1.25rem;background:var(--card);border-bottom:1px solid var(--line)}
header.top a.brand{font-weight:700;color:var(--fg);text-decoration:none}main{max-width:64rem;margin:0 auto;padding:1.5rem 1.25rem}
h1{font-size:1.4rem;margin:0 0 1rem;overflow-wrap:anywhere}h2{font-size:1.1rem;margin:1.5rem 0 .75rem}a{color:var(--accent)}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:1.25rem;margin-bottom:1rem}
table{width:100%;border-collapse:collapse;background:var(--card)}th,td{text-align:left;padding:.55rem .6rem;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:.8rem;text-transform:uppercase;letter-spacing:.03em;color:var(--muted)}.table-wrap{overflow-x:auto;border:1px solid var(--line);border-radius:10px}
label{display:block;font-weight:600;margin:.9rem 0 .3rem}input[type=text],input[type=url],input[type=password],select{width:100%;padding:.5rem .6rem;border:1px solid #d1d5db;border-radius:6px;font:inherit;background:#fff}
input:focus,select:focus,button:focus,a:focus{outline:3px solid #93c5fd;outline-offset:1px}
.row{display:flex;gap:.5rem;align-items:center;margin-bottom:.5rem}.row select{width:9rem;flex:none}.row input{flex:1}
button,.button{display:inline-block;padding:.45rem .9rem;border-radius:6px;border:1px solid #d1d5db;background:#fff;color:var(--fg);font:inherit;cursor:pointer;text-decoration:none}
button.primary,.button.primary{background:var(--accent);border-color:var(--accent);color:#fff}button.danger{color:var(--bad);border-color:#fca5a5}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;margin-top:1rem}.actions form{margin:0}.inline{display:inline}
.error{color:var(--bad);font-size:.9rem}.flash{padding:.6rem .9rem;border-radius:8px;background:#eff6ff;border:1px solid #bfdbfe;margin-bottom:1rem}
.badge{display:inline-block;padding:.05rem .5rem;border-radius:999px;font-size:.8rem;font-weight:600;background:#f3f4f6}
.badge.ok{background:#dcfce7;color:var(--ok)}.badge.bad{background:#fee2e2;color:var(--bad)}.badge.warn{background:#fef3c7;color:var(--warn)}.badge.retry{background:#ffedd5;color:#c2410c}
tr.fresh td{animation:fresh 3s ease-out}@keyframes fresh{from{background:#fef9c3}to{background:transparent}}
.reason{font-size:.85rem;color:var(--bad);margin-top:.2rem;overflow-wrap:break-word}
.muted{color:var(--muted)}code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.85rem}pre{background:#0f172a;color:#e2e8f0;padding:1rem;border-radius:8px;overflow:auto;max-height:28rem}
.tabs{display:flex;gap:1rem;border-bottom:1px solid var(--line);margin-bottom:1rem}.tabs a{padding:.4rem 0;text-decoration:none;color:var(--muted)}.tabs a[aria-current=page]{color:var(--fg);border-bottom:2px solid var(--accent)}
fieldset{border:0;padding:0;margin:0}legend{font-weight:600;margin:.9rem 0 .3rem;padding:0}.check{display:flex;gap:.5rem;align-items:center;font-weight:400;margin:.25rem 0}
dl.kv{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.25rem 1rem;margin:0}dl.kv dt{color:var(--muted)}dl.kv dd{margin:0;overflow-wrap:break-word}
main,td{overflow-wrap:break-word}.token,code,h1,h2{overflow-wrap:anywhere}ol.attempts{list-style:none;padding:0}
.notice{border-left:4px solid var(--warn);background:#fffbeb;padding:.6rem .9rem;border-radius:6px;margin:.5rem 0}.notice p{margin:.2rem 0 0}
input[aria-invalid=true]{border-color:var(--bad);box-shadow:0 0 0 1px var(--bad)}.error{margin:.4rem 0 .8rem}
form:has(input[name=target][value=job]:checked) [data-target-pane=url],form:has(input[name=target][value=url]:checked) [data-target-pane=job]{display:none}
.choice{display:flex;gap:1.25rem;flex-wrap:wrap}
@media (max-width:640px){.row{flex-wrap:wrap}.row select{width:100%}
.table-wrap{overflow:visible;border:0}table,tbody,tr,td{display:block;width:100%}thead{display:none}
tr{border:1px solid var(--line);border-radius:10px;margin-bottom:.75rem;padding:.35rem 0;background:var(--card)}
td{border:0;padding:.3rem .9rem}td::before{content:attr(data-label);display:block;font-size:.72rem;text-transform:uppercase;letter-spacing:.03em;color:var(--muted)}}
`;

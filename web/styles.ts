/** The site's one stylesheet, served from /static/app.css (kept in code so the Lambda bundle carries it). */
export const APP_CSS = `
:root{--ink:#1b1f24;--muted:#4a5560;--line:#c9d1d9;--bg:#f7f8f6;--card:#fff;--brand:#0b5d4b;--brand-ink:#fff;--focus:#ffbf47;--error:#b3261e;--ok:#1e6b32;--warn-bg:#fff4e5}
*{box-sizing:border-box}
html{font-size:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;line-height:1.55;color:var(--ink);background:var(--bg)}
a{color:var(--brand);text-underline-offset:.15em}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:var(--focus);color:var(--ink);padding:.5rem 1rem;z-index:10}
.skip:focus{left:1rem}
header.site{background:var(--brand);color:var(--brand-ink)}
header.site .bar{max-width:62rem;margin:0 auto;padding:.75rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;justify-content:space-between}
header.site a{color:var(--brand-ink)}
.brand{font-weight:700;font-size:1.15rem;text-decoration:none}
.brand small{display:block;font-weight:400;font-size:.8rem;opacity:.9}
nav.main ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:center}
nav.main form{display:inline}
.linkbutton{background:none;border:0;padding:0;font:inherit;color:inherit;text-decoration:underline;cursor:pointer}
main{max-width:62rem;margin:0 auto;padding:1.5rem 1rem 3rem}
h1{font-size:1.9rem;line-height:1.2;margin:.5rem 0 1rem}
h2{font-size:1.35rem;margin:2rem 0 .75rem}
h3{font-size:1.1rem;margin:1.25rem 0 .5rem}
.lead{font-size:1.1rem;color:var(--muted);max-width:44rem}
.card > h2:first-child,.card > h3:first-child{margin-top:0}
.card{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:1rem 1.25rem;margin:0 0 1rem}
.cards{list-style:none;padding:0;margin:0}
.meta{color:var(--muted);margin:.25rem 0}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1.25rem;margin:0}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0}
caption{text-align:left}
.visually-hidden{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
table{border-collapse:collapse;width:100%;background:var(--card)}
th,td{text-align:left;padding:.5rem .6rem;border-bottom:1px solid var(--line);vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.table-wrap{overflow-x:auto}
.tag{display:inline-block;padding:.05rem .5rem;border-radius:999px;border:1px solid currentColor;font-size:.85rem;font-weight:600}
.tag-draft{color:#5a4a00}.tag-submitted,.tag-open{color:var(--ok)}.tag-withdrawn,.tag-closed{color:var(--muted)}
form.stack > * + *{margin-top:1rem}
fieldset{border:1px solid var(--line);border-radius:6px;padding:.75rem 1rem 1rem;margin:0 0 1rem;background:var(--card)}
legend{font-weight:700;padding:0 .35rem}
.field{margin:0 0 1rem;max-width:44rem}
.field label,.field .label{display:block;font-weight:600;margin-bottom:.25rem}
.hint{display:block;color:var(--muted);font-size:.95rem;margin:.1rem 0 .35rem}
input[type=text],input[type=email],input[type=date],input[type=datetime-local],input[type=number],select,textarea{font:inherit;width:100%;padding:.45rem .55rem;border:2px solid #5f6b76;border-radius:4px;background:#fff;color:var(--ink)}
textarea{min-height:7rem}
input.narrow{max-width:10rem}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:0 1rem}
.field-error input,.field-error select,.field-error textarea{border-color:var(--error)}
.error-message{display:block;color:var(--error);font-weight:600;margin:.15rem 0 .35rem}
.error-summary{border:4px solid var(--error);background:#fff;padding:1rem 1.25rem;margin:0 0 1.5rem}
.error-summary h2{margin-top:0;color:var(--error)}
.error-summary ul{margin:0;padding-left:1.25rem}
.notice{border-left:6px solid var(--ok);background:#eef7ef;padding:.75rem 1rem;margin:0 0 1.25rem}
.warning{border-left:6px solid #b86e00;background:var(--warn-bg);padding:.75rem 1rem;margin:0 0 1.25rem}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;margin:1.5rem 0}
ul.actions{list-style:none;padding-left:0}
button,.button{font:inherit;font-weight:600;padding:.55rem 1.1rem;border-radius:4px;border:2px solid var(--brand);background:var(--brand);color:var(--brand-ink);cursor:pointer;text-decoration:none;display:inline-block}
button.secondary,.button.secondary{background:#fff;color:var(--brand)}
button.danger{background:#fff;color:var(--error);border-color:var(--error)}
.total{font-size:1.15rem;font-weight:700}
.row-head{display:flex;justify-content:space-between;align-items:center;gap:1rem;flex-wrap:wrap}
footer.site{border-top:1px solid var(--line);color:var(--muted)}
footer.site .bar{max-width:62rem;margin:0 auto;padding:1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;font-size:.95rem}
.checks label{display:flex;gap:.5rem;align-items:flex-start;font-weight:400;margin:.25rem 0}
.checks input{margin-top:.35rem}
.tag-in_review{color:#5a4a00}.tag-approved{color:var(--ok)}.tag-rejected{color:var(--error)}.tag-waiting_list{color:#6b4200}
.prose{white-space:pre-line}
.checksum{word-break:break-all;font-size:.85em}
.table-wrap:focus-visible{outline:3px solid var(--focus)}
.split{display:grid;grid-template-columns:minmax(0,1fr);gap:0 2rem;align-items:start}
@media (min-width:60rem){.split{grid-template-columns:minmax(0,1fr) minmax(0,1fr)}}
.split > section > h2:first-child{margin-top:.5rem}
.scale{display:flex;flex-wrap:wrap;gap:.5rem;margin:.25rem 0 .75rem}
.scale label{display:inline-flex;align-items:center;gap:.4rem;min-height:2.75rem;padding:.25rem .7rem;border:2px solid #5f6b76;border-radius:4px;background:#fff;font-weight:600;cursor:pointer}
.scale label:has(input:checked){background:var(--brand);color:var(--brand-ink);border-color:var(--brand)}
.scale input{margin:0;width:1.1rem;height:1.1rem;accent-color:var(--brand)}
fieldset.field-error{border-color:var(--error);border-width:2px}
.choices label{display:flex;gap:.5rem;align-items:flex-start;font-weight:400;margin:.3rem 0}
.choices input{margin-top:.35rem}
.flag{font-weight:700;color:#6b4200}
.over{color:var(--error);font-weight:600}
.inline{display:inline}
.inline-form{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end}
.inline-form .field{margin:0;flex:1 1 14rem}
.inline-form{margin-top:1rem}
.inline-form .actions{margin:0 0 .1rem}
.split{margin-bottom:1.5rem}
.table-wrap + dl.facts{margin-top:.75rem}
section.table-wrap{margin:0}
.choices input[type=checkbox],.choices input[type=radio],.checks input{width:1.1rem;height:1.1rem;flex:none;accent-color:var(--brand)}
main:has(.wide){max-width:84rem}
body:has(main .wide) header.site .bar,body:has(main .wide) footer.site .bar{max-width:84rem}
table.compact{font-size:.92rem}
table.compact th,table.compact td{padding:.45rem .45rem}
.nowrap{white-space:nowrap}
table.compact .tag{white-space:nowrap}
table.compact th[scope=row]{min-width:10rem}
.chart{display:block;width:100%;max-width:36rem;height:auto;margin:1rem 0;background:var(--card);border:1px solid var(--line);border-radius:6px}
.chart .bar{fill:var(--brand)}
.chart .bar.flagged{fill:#8a5a00}
.chart .gridline{stroke:var(--line);stroke-width:1}
.chart .axis{stroke:var(--muted);stroke-width:1}
.chart text{fill:var(--ink);font-size:14px;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
.chart text.tick{fill:var(--muted);font-size:12px}
ul.links{padding-left:1.25rem}
ul.links li{margin:.35rem 0}
.decision{border-left:6px solid var(--brand)}
svg.chart-wide{max-width:40rem}
.split > svg.chart{margin-top:0}
.tag-fin-paid{color:var(--ok)}.tag-fin-overdue{color:var(--error)}.tag-fin-partly_paid,.tag-fin-due{color:#5a4a00}.tag-fin-not_computed,.tag-fin-computed{color:var(--muted)}
tfoot th,tfoot td{font-weight:700;border-top:2px solid var(--ink)}
section + form.stack{margin-top:1.5rem}
.table-wrap + .split{margin-top:1.5rem}
textarea#f-csv{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;min-height:14rem}
@media (max-width:40rem){h1{font-size:1.5rem}dl.facts{grid-template-columns:1fr}dl.facts dd{margin-bottom:.5rem}}
.visually-hidden{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
@media print{header.site,footer.site,.actions,nav{display:none}body{background:#fff}}
`;

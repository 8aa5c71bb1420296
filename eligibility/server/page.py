"""The page at `/`: paste or upload a profile, choose the date, read the result. No script, nothing remote.

The form posts back to `/`; the answer is the same page with the result under it (or the profile's
problems beside the text), so it works from the keyboard, on a phone, and with scripts turned off.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
from typing import TYPE_CHECKING

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response

from eligibility.documents import decode
from eligibility.errors import InputError, Problem
from eligibility.render.json_text import dumps
from eligibility.server.bodies import MAX_BODY_BYTES, HttpProblem

if TYPE_CHECKING:
    from eligibility.server.evaluation import Evaluator

KINDS = {"yaml": "YAML", "json": "JSON", "toml": "TOML"}
SUFFIX_KIND = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".toml": "toml"}

STYLE = """
:root{--ink:#1d2733;--muted:#5b6776;--line:#d5dbe3;--ok:#0f6b3a;--no:#a3261b;--maybe:#8a5a00;--bg:#f6f8fa}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink)}
main{max-width:960px;margin:0 auto;padding:1rem}h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.2rem;margin-top:2rem}
form{display:grid;gap:.75rem;background:var(--bg);padding:1rem;border:1px solid var(--line);border-radius:8px}
label{font-weight:600}textarea{width:100%;min-height:14rem;font:14px/1.4 ui-monospace,Menlo,Consolas,monospace}
input,select,textarea,button{font-size:1rem;padding:.4rem;border:1px solid var(--line);border-radius:6px}
button{background:#1f5fbf;color:#fff;border:0;padding:.6rem 1.2rem;cursor:pointer;justify-self:start}
:focus-visible{outline:3px solid #f0b400;outline-offset:2px}.row{display:flex;flex-wrap:wrap;gap:1rem}
.row>div{display:grid;gap:.25rem}.errors{border-left:4px solid var(--no);background:#fdf0ef;padding:.5rem 1rem}
.errors li{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9rem;overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
.eligible{color:var(--ok);font-weight:700}.not_eligible{color:var(--no)}.undetermined{color:var(--maybe)}
.not_in_force,.not_encoded{color:var(--muted)}.muted{color:var(--muted);font-size:.9rem}
details{margin:.5rem 0}summary{cursor:pointer;font-weight:600}
@media (max-width:600px){th:nth-child(3),td:nth-child(3){display:none}}
"""

def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def render_page(text: str = "", kind: str = "yaml", as_of: str | None = None,
                problems: tuple[Problem, ...] = ()) -> str:
    """The whole page: the form (keeping what was typed), then the profile's problems if any."""
    as_of = as_of or dt.date.today().isoformat()
    options = "".join(f'<option value="{k}"{" selected" if k == kind else ""}>{v}</option>'
                      for k, v in KINDS.items())
    errors = ""
    if problems:
        items = "".join(f"<li>{_e(p.path)}: {_e(p.message)}</li>" for p in problems)
        errors = (f'<section class="errors" id="errors" role="alert" aria-labelledby="errors-title">'
                  f'<h2 id="errors-title">The profile has {len(problems)} problem{"s" if len(problems) > 1 else ""}'
                  f"</h2><ul>{items}</ul></section>")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>eligibility: Canada's economic immigration programs</title><style>{STYLE}</style></head>
<body><main>
<h1>Who qualifies, for which program, and why</h1>
<p class="muted">Paste or upload a profile (YAML, JSON or TOML, as in the project's <code>profiles/</code> folder),
choose the date, and read each program's verdict with the conditions that decide it. Nothing leaves this server.
This is not legal advice: an officer decides.</p>
<form method="post" action="/" enctype="multipart/form-data">
<label for="profile">Profile</label>
<textarea id="profile" name="profile" spellcheck="false" aria-describedby="errors">{_e(text)}</textarea>
<div class="row">
<div><label for="file">or upload a file</label>
<input id="file" name="file" type="file" accept=".yaml,.yml,.json,.toml"></div>
<div><label for="kind">Format of the text</label><select id="kind" name="kind">{options}</select></div>
<div><label for="as_of">As of</label><input id="as_of" name="as_of" type="date" value="{_e(as_of)}" required></div>
</div>
<button type="submit">Evaluate</button>
</form>
{errors}
<p class="muted">For programs: <a href="/docs">the API</a> (<a href="/openapi.json">OpenAPI</a>),
<code>POST /v1/evaluate</code> returns the JSON of <code>eligibility evaluate --format json</code>.</p>
</main></body></html>
"""


def html_response(text: str) -> Response:
    """An HTML answer with a strict content security policy: nothing is loaded from anywhere."""
    return HTMLResponse(text, headers={
        "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                                   "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"})


def page_routes(app: FastAPI, evaluator: Evaluator) -> None:
    """Mount GET / and POST /."""

    @app.get("/", include_in_schema=False)
    async def page() -> Response:
        return html_response(render_page())

    @app.post("/", include_in_schema=False)
    async def submit(request: Request) -> Response:
        form = await request.form(max_files=1, max_fields=10, max_part_size=MAX_BODY_BYTES)
        text = str(form.get("profile") or "")
        kind = str(form.get("kind") or "yaml")
        as_of = str(form.get("as_of") or dt.date.today().isoformat())
        upload = form.get("file")
        if upload is not None and not isinstance(upload, str) and upload.filename:
            raw = await upload.read()
            kind = SUFFIX_KIND.get("." + upload.filename.rsplit(".", 1)[-1].lower(), kind)
            try:
                # Refused as the command line and the API refuse it: a replaced byte would change the profile.
                text = decode(raw, "profile")
            except InputError as exc:
                return html_response(render_page(text, kind if kind in KINDS else "yaml", as_of, exc.problems))
        if kind not in KINDS:
            kind = "yaml"
        try:
            report = await evaluator.compute(lambda: _report(evaluator, text, kind, as_of))
        except HttpProblem as exc:
            # The page answers 200 either way: the problems are content for a person, not a failed load.
            return html_response(render_page(text, kind, as_of, exc.problems))
        return html_response(report)


def _report(evaluator: Evaluator, text: str, kind: str, as_of: str) -> str:
    """The client report of the submitted profile, with links back to the form and to the JSON."""
    from eligibility.documents import parse_text
    from eligibility.reporting import render_report
    from eligibility.server.bodies import date_field
    from eligibility.server.evaluation import Ask

    day = date_field({"as_of": as_of}, "as_of")
    try:
        data = parse_text(text, kind, "profile")
    except InputError as exc:
        raise HttpProblem(400, exc.problems) from None
    profile = evaluator.profile(data, "$", source="profile")
    result = evaluator.evaluation(Ask(profile, day, None, "native", {}))
    blob = base64.b64encode(dumps(result, indent=True)).decode()
    header = (f'<nav class="small" aria-label="page"><a href="/">Evaluate another profile</a> · '
              f'<a download="eligibility-{day}.json" href="data:application/json;base64,{blob}">Download the JSON '
              f"of this evaluation</a> · <a href=\"/docs\">the API</a></nav>")
    return render_report(profile, day, evaluator.library, "html", header)

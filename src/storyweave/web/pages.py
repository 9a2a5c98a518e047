"""Server-rendered pages. Everything from a source is text, escaped by Jinja2's autoescape;
no template uses ``|safe`` on article data, and the CSP forbids any inline script."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from ..render.html import mark_value
from ..render.view import value_label
from .deps import require_read, state
from .security import COOKIE, token_matches
from .storyline import storyline
from .views import article_lines, lead_line, marked, safe_href, story_view

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
TEMPLATES.env.filters["marked"] = marked
TEMPLATES.env.filters["markvalue"] = mark_value  # a divergent value marked in its sentence, as in the CLI page
TEMPLATES.env.globals["value_label"] = value_label  # "19 Jan 2019, afternoon", not "2019-01-19TAF"
router = APIRouter(include_in_schema=False)
PAGE = 30


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return TEMPLATES.TemplateResponse(request, name, context, status_code=status)


def _date(value: str | None, name: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise HTTPException(400, f"'{name}' must be a date like 2024-05-31, not '{value[:40]}'") from None


@router.get("/", response_class=HTMLResponse, dependencies=[Depends(require_read)])
def stories_page(request: Request, q: str = Query("", max_length=200), entity: str = Query("", max_length=200),
                 date_from: str = Query("", alias="from", max_length=10), date_to: str = Query("", alias="to", max_length=10),
                 page: int = Query(1, ge=1, le=10_000)) -> Response:
    st = state(request)
    since, until = _date(date_from, "from"), _date(date_to, "to")
    hits: dict[str, Any] = {}
    if q.strip():  # full text: ranked, each story with the passage that matched
        found = st.store.search(q, entity=entity.strip() or None, date_from=since, date_to=until, limit=page * PAGE + 1)
        found = found[(page - 1) * PAGE:]
        hits = {h.story_id: h for h in found}
        rows = [r for r in (st.store.get_story(h.story_id) for h in found) if r]
    else:
        rows = st.store.list_stories(entity=entity.strip() or None, date_from=since, date_to=until,
                                     limit=PAGE + 1, offset=(page - 1) * PAGE)
    leads = {r.id: lead_line(st.store.get_brief(r.id)) for r in rows[:PAGE]}
    return render(request, "stories.html", stories=rows[:PAGE], hits=hits, leads=leads, more=len(rows) > PAGE, page=page,
                  q=q, entity=entity, date_from=date_from, date_to=date_to,
                  pending=st.worker.pending, total=st.store.count_articles())


@router.get("/stories.atom", dependencies=[Depends(require_read)])
def stories_feed(request: Request) -> Response:
    """The newest stories as an Atom feed; entry ids are the stories' permalinks."""
    st = state(request)
    rows = st.store.list_stories(limit=PAGE)
    epoch = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
    stories = [{"id": r.id, "title": r.title, "size": r.size, "outlets": r.outlets,
                "updated_iso": (r.updated or epoch).isoformat(),
                "lead": lead_line(st.store.get_brief(r.id))} for r in rows]
    updated = max((s["updated_iso"] for s in stories), default=epoch.isoformat())
    resp = TEMPLATES.TemplateResponse(request, "stories.atom.xml", {"stories": stories, "updated": updated,
                                                                    "base": str(request.base_url)})
    resp.headers["content-type"] = "application/atom+xml; charset=utf-8"
    return resp


@router.get("/stories/{story_id}", response_class=HTMLResponse, dependencies=[Depends(require_read)])
def story_page(request: Request, story_id: str) -> Response:
    st = state(request)
    row = st.store.get_story(story_id)
    if row is not None and row.size == 0:  # merged into another story: the permalink follows it
        target = st.store.moved_to(story_id)
        if target:
            return RedirectResponse(f"/stories/{quote(target, safe='')}", status_code=301)
    brief = st.store.get_brief(story_id)
    if row is None and brief is None:
        raise HTTPException(404, f"no story '{story_id}'")
    if brief is None:
        return render(request, "pending.html", status=503, story=row)
    view = story_view(brief, title=row.title if row and row.title else None)
    return render(request, "story.html", story=row, story_id=story_id, v=view)


@router.get("/stories/{story_id}/storyline", response_class=HTMLResponse, dependencies=[Depends(require_read)])
def storyline_page(request: Request, story_id: str) -> Response:
    return render(request, "storyline.html", **_storyline(request, story_id))


@router.get("/stories/{story_id}/storyline.atom", dependencies=[Depends(require_read)])
def storyline_feed(request: Request, story_id: str) -> Response:
    context = _storyline(request, story_id)
    context["updated"] = max([(s.published or "1970-01-01") + "T00:00:00Z" for s in context["steps"]] or ["1970-01-01T00:00:00Z"])
    resp = TEMPLATES.TemplateResponse(request, "storyline.atom.xml", context)
    resp.headers["content-type"] = "application/atom+xml; charset=utf-8"
    return resp


def _storyline(request: Request, story_id: str) -> dict[str, Any]:
    st = state(request)
    row, brief = st.store.get_story(story_id), st.store.get_brief(story_id)
    if brief is None:
        raise HTTPException(404, f"no brief for story '{story_id}' (yet)")
    return {"title": row.title if row and row.title else story_id, "story_id": story_id, "steps": storyline(brief),
            "base": str(request.base_url)}


@router.get("/articles/{article_id}", response_class=HTMLResponse, dependencies=[Depends(require_read)])
def article_page(request: Request, article_id: str) -> Response:
    st = state(request)
    art = st.store.get_article(article_id)
    if art is None:
        raise HTTPException(404, f"no article '{article_id}'")
    story_id = st.store.story_of(art.id)
    from_brief = None
    if not art.body and story_id:
        brief = st.store.get_brief(story_id) or {}
        from_brief = next((a for a in brief.get("articles", []) if isinstance(a, dict) and a.get("id") == art.id), None)
    lines = article_lines(art, from_brief)
    return render(request, "article.html", a=art, href=safe_href(art.url), lines=lines, story_id=story_id,
                  n_removed=sum(ln.removed for ln in lines))


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> Response:
    # Our own page from the OpenAPI document: Swagger UI needs a CDN and inline script,
    # which neither this network nor our CSP allows.
    spec = request.app.openapi()
    ops = [{"method": m.upper(), "path": p, "summary": o.get("summary", ""), "doc": o.get("description", ""),
            "params": [x["name"] for x in o.get("parameters", [])]}
           for p, methods in spec.get("paths", {}).items() for m, o in methods.items()]
    return render(request, "docs.html", ops=ops, title=spec.get("info", {}).get("title", "API"))


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request) -> Response:
    return render(request, "login.html", error=None)


@router.post("/login")
def login(request: Request, token: str = Form(..., max_length=500)) -> Response:
    server = state(request).config.server
    if not token_matches(server.token, token):
        return render(request, "login.html", status=401, error="That token is not this server's token.")
    resp = RedirectResponse("/", status_code=303)
    resp.set_cookie(COOKIE, token, httponly=True, samesite="strict", secure=request.url.scheme == "https")
    return resp

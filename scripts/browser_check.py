#!/usr/bin/env python3
"""Checks the dashboard in a real browser, as a visitor would see it.

Crawls the running site from `/` (every internal link of every page visited is fetched: a link
that does not answer 200 is broken), picks one page of each type, opens it in headless Chromium in
English and Chinese, fails on any console message (a script error, a resource that did not load, a
Content-Security-Policy violation: the pages have no script of their own, so the console must stay
silent) and on a page type that must show a chart but has no accessible <svg>, and writes a
screenshot of each (page type, language) for a person to look at.

    scripts/browser_check.py --base http://127.0.0.1:8080 --out .build-browser/screenshots

Exit code 0 when every check passed, 1 otherwise (each failure is printed).
"""
import argparse
import html.parser
import os
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

# Page types: a pattern of the path, and whether the page must carry a chart.
PAGE_TYPES = [
    ("overview", re.compile(r"^/$"), True),
    ("funding", re.compile(r"^/funding$"), True),
    ("projects", re.compile(r"^/projects$"), False),
    ("project", re.compile(r"^/projects/(?!export).+"), True),
    ("partner", re.compile(r"^/partners/.+"), True),
    ("country", re.compile(r"^/countries/.+"), True),
    ("region", re.compile(r"^/regions/.+"), True),
    ("outcome", re.compile(r"^/outcomes/.+"), True),
    ("strategy", re.compile(r"^/strategy$"), True),
    ("review", re.compile(r"^/strategy/review$"), True),
    ("dwcps", re.compile(r"^/dwcps$"), False),
    ("dwcp", re.compile(r"^/dwcps/.+"), False),
    ("screening", re.compile(r"^/screening$"), True),
    ("results", re.compile(r"^/results$"), True),
    ("data", re.compile(r"^/data$"), False),
    ("dataset", re.compile(r"^/data/.+"), False),
]
DOWNLOAD = re.compile(r"(/export\b|[?&]format=(csv|xlsx|xml)\b)")
MAX_PAGES = 400


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        # A form that posts (the upload) is not a link a GET can follow.
        if tag == "form" and (attrs.get("method") or "get").lower() != "get":
            return
        for name in ("href", "src", "action"):
            if attrs.get(name) is not None:
                self.links.append(attrs[name])


def fetch(url):
    request = urllib.request.Request(url, headers={"Accept-Language": "en"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


def page_type(path):
    for name, pattern, chart in PAGE_TYPES:
        if pattern.match(path):
            return name, chart
    return None, False


def crawl(base, failures):
    """Visits pages breadth first; returns the first URL found of each page type."""
    origin = urllib.parse.urlsplit(base)
    queue, seen, checked = ["/"], {"/"}, {}
    representatives = {}
    visited_per_type = {}
    pages = 0
    while queue and pages < MAX_PAGES:
        target = queue.pop(0)
        path = urllib.parse.urlsplit(target).path
        kind, _ = page_type(path)
        # A few pages of each type show their links; hundreds of projects need not all be read.
        if visited_per_type.get(kind, 0) >= (40 if kind in (None, "overview", "funding", "projects", "data") else 3):
            continue
        visited_per_type[kind] = visited_per_type.get(kind, 0) + 1
        status, content_type, body = fetch(base + target)
        pages += 1
        if status != 200:
            failures.append(f"{target}: status {status}")
            continue
        if kind and kind not in representatives:
            representatives[kind] = target
        if not content_type.startswith("text/html"):
            continue
        parser = Links()
        parser.feed(body.decode("utf-8", "replace"))
        for link in parser.links:
            parts = urllib.parse.urlsplit(urllib.parse.urljoin(base + target, link))
            if parts.scheme not in ("http", "https") or parts.netloc != origin.netloc:
                continue
            local = parts.path + ("?" + parts.query if parts.query else "")
            if local in checked:
                continue
            if DOWNLOAD.search(local) or parts.path.startswith("/static/") or parts.path.startswith("/api/") \
                    or parts.path in ("/openapi.json", "/health"):
                status, _, _ = fetch(base + local)
                checked[local] = status
                if status != 200:
                    failures.append(f"{target}: broken link {local} (status {status})")
                continue
            checked[local] = None
            if local not in seen:
                seen.add(local)
                queue.append(local)
    print(f"crawled {pages} pages, checked {len(checked)} links")
    return representatives


def browser(url, screenshot):
    """Opens `url` in headless Chromium; returns its console messages."""
    command = [
        os.environ.get("CHROMIUM", "chromium"), "--headless", "--no-sandbox", "--disable-gpu",
        "--hide-scrollbars", "--enable-logging=stderr", "--v=0", "--window-size=1280,2200",
        f"--screenshot={screenshot}", url,
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if not os.path.exists(screenshot):
        return [f"no screenshot written: {result.stderr[-500:]}"]
    return [line for line in result.stderr.splitlines() if ":CONSOLE" in line]


def main():
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--base", default="http://127.0.0.1:8080")
    arguments.add_argument("--out", default=".build-browser/screenshots")
    options = arguments.parse_args()
    os.makedirs(options.out, exist_ok=True)
    failures = []

    representatives = crawl(options.base, failures)
    for name, _, _ in PAGE_TYPES:
        if name not in representatives:
            failures.append(f"no page of type {name} is linked from the site")

    not_found = "/projects/no-such-project-" + "x" * 8
    status, _, body = fetch(options.base + not_found)
    if status != 404 or b"<html" not in body:
        failures.append(f"{not_found}: a 404 page was expected, got status {status}")
    representatives["not-found"] = not_found

    for name, target in representatives.items():
        _, needs_chart = page_type(urllib.parse.urlsplit(target).path)
        needs_chart = needs_chart and name != "not-found"
        for language in ("en", "zh"):
            separator = "&" if "?" in target else "?"
            url = f"{options.base}{target}{separator}lang={language}"
            status, _, body = fetch(url)
            text = body.decode("utf-8", "replace")
            if needs_chart and not re.search(r"<svg[^>]*role=\"img\"[^>]*>\s*<title", text):
                failures.append(f"{url}: no chart with a title")
            if f'<html lang="{"zh-Hans" if language == "zh" else "en"}"' not in text:
                failures.append(f"{url}: not in language {language}")
            screenshot = os.path.join(options.out, f"{name}-{language}.png")
            for message in browser(url, screenshot):
                failures.append(f"{url}: console: {message}")
            print(f"{name:10} {language}  {screenshot}")

    for failure in failures:
        print("FAIL", failure)
    print(f"{len(failures)} failures" if failures else "browser check passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

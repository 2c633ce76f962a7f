#!/usr/bin/python3
"""Executes the analysis notebooks the way Jupyter and VS Code do, and checks them.

Each notebook runs top to bottom in a fresh `.net-csharp` kernel (the Microsoft.dotnet-interactive
tool that VS Code's Polyglot Notebooks extension runs), driven by Jupyter's own client, nbclient,
from the notebooks' folder. A notebook fails the run when any cell shows an error, or, with
--check-charts, when it draws fewer charts than its metadata (`emotion.charts`) says it is written
to draw. Executed copies go to --out, with plotly.js loaded from one shared file in
--out/assets instead of inlined 3.6 MB per notebook; --html also writes a page of each.

    dotnet build lib                      # the notebooks #r its output
    python3 scripts/notebooks.py [--out reports] [--html] [--check-charts] [notebooks/01-extract.ipynb ...]

Needs: the kernel (`dotnet tool install -g Microsoft.dotnet-interactive`,
`dotnet interactive jupyter install`) and Debian's python3-nbclient (python3-markdown for --html).
EMOTION_CORPUS, EMOTION_WORK, EMOTION_QUICK and EMOTION_SEED pass on to the notebooks.
"""

import argparse
import html
import pathlib
import re
import shutil
import sys
import time

import nbformat
from nbclient import NotebookClient

REPOSITORY = pathlib.Path(__file__).resolve().parent.parent
PLOTLY = REPOSITORY / "lib" / "Emotion.Reporting" / "Assets" / "plotly-2.28.0.min.js"
INLINE_MARKER = "<!-- plotly.js inline -->"
CHART = re.compile(r'class="emotion-chart"')
HIDE_AMD = "<script>var __emotionDefine = window.define; window.define = undefined;</script>"
RESTORE_AMD = "<script>window.define = __emotionDefine;</script>"
REFERENCE = HIDE_AMD + '<script src="assets/' + PLOTLY.name + '"></script>' + RESTORE_AMD


def html_of(output):
    data = output.get("data", {})
    value = data.get("text/html", "")
    return "".join(value) if isinstance(value, list) else value


def execute(path, timeout):
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, kernel_name=".net-csharp", timeout=timeout, allow_errors=True,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    return notebook


def problems(notebook):
    found = []
    for number, cell in enumerate(notebook.cells, 1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                found.append(f"cell {number}: {output.get('ename')}: {output.get('evalue', '')[:400]}")
    return found


def count_charts(notebook):
    return sum(len(CHART.findall(html_of(o))) for cell in notebook.cells for o in cell.get("outputs", []))


def share_plotly(notebook):
    """Replaces the inlined plotly.js with a reference to the one copy in assets/."""
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if html_of(output).startswith(INLINE_MARKER):
                output["data"]["text/html"] = REFERENCE


def page(title, notebook):
    import markdown
    parts = [f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(title)}</title>',
             "<style>body{font-family:sans-serif;max-width:1100px;margin:auto;padding:0 1em} pre{background:#f5f5f5;padding:8px;overflow:auto}"
             " .out{border-left:3px solid #ccc;padding-left:8px;margin-bottom:16px} table{border-collapse:collapse} td,th{border:1px solid #ccc;padding:2px 6px}</style>",
             "</head><body>"]
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            parts.append(markdown.markdown(cell.source, extensions=["tables", "fenced_code"]))
            continue
        parts.append(f"<pre>{html.escape(cell.source)}</pre><div class=\"out\">")
        for output in cell.get("outputs", []):
            kind = output.get("output_type")
            if kind == "stream":
                parts.append(f"<pre>{html.escape(''.join(output.get('text', '')))}</pre>")
            elif kind == "error":
                parts.append(f"<pre style=\"color:#b00\">{html.escape(output.get('ename', ''))}: {html.escape(output.get('evalue', ''))}</pre>")
            elif html_of(output):
                # The kernel's first answer in Jupyter carries a script that probes for its own
                # HTTP port; it means nothing in a saved page.
                if "dotnet-interactive-this-cell" not in html_of(output):
                    parts.append(html_of(output))
            elif "text/plain" in output.get("data", {}):
                parts.append(f"<pre>{html.escape(''.join(output['data']['text/plain']))}</pre>")
        parts.append("</div>")
    parts.append("</body></html>")
    return "".join(parts)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", type=pathlib.Path, help="notebooks to run (default: notebooks/*.ipynb in order)")
    parser.add_argument("--out", type=pathlib.Path, default=REPOSITORY / "reports", help="folder for executed copies (default: reports)")
    parser.add_argument("--html", action="store_true", help="also write an HTML page of each executed notebook")
    parser.add_argument("--check-charts", action="store_true", help="fail a notebook that draws fewer charts than its metadata says")
    parser.add_argument("--timeout", type=int, default=3600, help="seconds a cell may run (default 3600)")
    arguments = parser.parse_args()

    notebooks = [p.resolve() for p in arguments.notebooks] or sorted((REPOSITORY / "notebooks").glob("*.ipynb"))
    arguments.out.mkdir(parents=True, exist_ok=True)
    (arguments.out / "assets").mkdir(exist_ok=True)
    shutil.copyfile(PLOTLY, arguments.out / "assets" / PLOTLY.name)
    failed = 0
    for path in notebooks:
        clock = time.monotonic()
        notebook = execute(path, arguments.timeout)
        found = problems(notebook)
        charts = count_charts(notebook)
        expected = notebook.metadata.get("emotion", {}).get("charts", 0)
        if arguments.check_charts and charts < expected:
            found.append(f"{charts} charts drawn, written to draw {expected}")
        share_plotly(notebook)
        nbformat.write(notebook, arguments.out / path.name)
        if arguments.html:
            (arguments.out / path.with_suffix(".html").name).write_text(page(path.stem, notebook), encoding="utf-8")
        status = "ok" if not found else "FAILED"
        print(f"{path.name}: {status}, {charts} charts, {time.monotonic() - clock:.0f} s -> {arguments.out / path.name}", flush=True)
        for problem in found:
            print(f"  {problem}", flush=True)
        failed += bool(found)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Checks exported notebooks against the real readers (run by check-notebooks.sh).

    check_notebooks.py OUT_FOLDER LESSON...

For each lesson, OUT_FOLDER holds NAME.html, NAME.md (+ NAME.files/) and NAME.ipynb.
Checks: nbformat.validate on the notebook; nbconvert renders it to HTML; the HTML
hand-out parses as XML; every picture the Markdown links exists and is SVG, and a
CommonMark renderer shows each as an image; then the
adalab Jupyter kernel (jupyter_client) re-runs every code cell of each notebook and
must produce the outputs the notebook recorded. Exits 1 on the first failure class,
after reporting all of them.
"""

import os
import re
import sys
import xml.etree.ElementTree as ET

import nbformat
from jupyter_client.manager import start_new_kernel
from nbconvert import HTMLExporter

failures = []


def fail(message):
    failures.append(message)
    print("FAIL " + message)


def outputs_of(cell):
    """(kind, text, pictures) of a code cell's recorded outputs, as the kernel sends them."""
    result = []
    for output in cell.get("outputs", []):
        if output["output_type"] == "stream":
            result.append(("stream:" + output["name"], output["text"]))
        elif output["output_type"] == "display_data":
            data = output["data"]
            result.append(("picture", data["text/plain"], data["image/svg+xml"].startswith("<svg")))
    return result


def render_markdown(text):
    try:
        from markdown_it import MarkdownIt
        return MarkdownIt("commonmark", {"html": True}).render(text)
    except ImportError:
        import mistune
        return mistune.html(text)


def run_cells(notebook, folder):
    """Runs the code cells on a fresh adalab kernel; returns one output list per cell."""
    manager, client = start_new_kernel(kernel_name="adalab", cwd=folder)
    try:
        results = []
        for cell in notebook.cells:
            if cell.cell_type != "code":
                continue
            message_id = client.execute(cell.source)
            outputs = []
            while True:
                message = client.get_iopub_msg(timeout=60)
                if message["parent_header"].get("msg_id") != message_id:
                    continue
                kind = message["msg_type"]
                content = message["content"]
                if kind == "stream":
                    outputs.append(("stream:" + content["name"], content["text"]))
                elif kind == "display_data":
                    data = content["data"]
                    outputs.append(
                        ("picture", data["text/plain"], data["image/svg+xml"].startswith("<svg")))
                elif kind == "status" and content["execution_state"] == "idle":
                    break
            reply = client.get_shell_msg(timeout=60)
            results.append((cell, outputs, reply["content"]["status"]))
        return results
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def main():
    out, lessons = sys.argv[1], sys.argv[2:]
    exporter = HTMLExporter()
    for lesson in lessons:
        name = os.path.splitext(os.path.basename(lesson))[0]
        failed_before = len(failures)
        base = os.path.join(out, name)
        # Jupyter: the schema, then nbconvert.
        notebook = nbformat.read(base + ".ipynb", as_version=4)
        try:
            nbformat.validate(notebook)
        except nbformat.ValidationError as error:
            fail("%s.ipynb: %s" % (name, error.message))
        body, _ = exporter.from_notebook_node(notebook)
        with open(base + ".nbconvert.html", "w") as file:
            file.write(body)
        pictures = sum(1 for cell in notebook.cells for output in outputs_of(cell)
                       if output[0] == "picture")
        rendered = body.count('data-mime-type="image/svg+xml"')
        if rendered != pictures:
            fail("%s.ipynb: %d pictures, nbconvert's page shows %d" % (name, pictures, rendered))
        title = notebook.metadata.get("title", "")
        if not title or title == "adalab session":
            fail("%s.ipynb: no title" % name)
        # The hand-out: one XML document, titled like the notebook.
        try:
            tree = ET.parse(base + ".html")
            found = tree.find(".//{http://www.w3.org/1999/xhtml}title").text
            if found != title:
                fail("%s.html: title %r, notebook %r" % (name, found, title))
        except ET.ParseError as error:
            fail("%s.html: not XML: %s" % (name, error))
        # Markdown: every linked picture is there and is SVG.
        with open(base + ".md") as file:
            markdown = file.read()
        for target in re.findall(r"!\[[^\]]*\]\(([^)]*)\)", markdown):
            path = os.path.join(out, target.replace("%20", " "))
            if not os.path.isfile(path):
                fail("%s.md links %s, which is missing" % (name, target))
            else:
                ET.parse(path)
        # Rendered as a forge would (CommonMark; markdown-it if installed, else nbconvert's
        # mistune): one <img> per picture, each beside the page, and no inline SVG.
        html = render_markdown(markdown)
        sources = re.findall(r'<img src="([^"]*)"', html)
        if len(sources) != len(re.findall(r"!\[", markdown)) or "<svg" in html:
            fail("%s.md: rendered with %d pictures" % (name, len(sources)))
        for source in sources:
            if not os.path.isfile(os.path.join(out, source.replace("%20", " "))):
                fail("%s.md: rendered picture %s is missing" % (name, source))
        # The kernel re-runs each cell and prints what the lesson recorded.
        mismatches = 0
        cells = 0
        for cell, outputs, status in run_cells(notebook, out):
            cells += 1
            if outputs != outputs_of(cell) or status != "ok":
                mismatches += 1
                fail("%s.ipynb cell %s (%s): the kernel printed %r, the notebook has %r"
                     % (name, cell.execution_count, cell.source, outputs[:1], outputs_of(cell)[:1]))
        verdict = "ok" if len(failures) == failed_before else "FAILED"
        print(verdict + " %s: nbformat 4, nbconvert %d bytes with %d pictures, %d cells re-run by the kernel, %d differ"
              % (name, len(body), rendered, cells, mismatches))
    if failures:
        print("%d failure(s)" % len(failures))
        sys.exit(1)


if __name__ == "__main__":
    main()

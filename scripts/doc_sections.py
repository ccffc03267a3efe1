"""Rewrite one generated section of a Markdown document, between its markers:

    <!-- BEGIN GENERATED: <name> -->
    ...
    <!-- END GENERATED: <name> -->

Used by scripts/base_rates.py, scripts/hindcast.py and scripts/update-validation.sh, so that a
document's hand-written text is never touched. The file is replaced atomically.
"""
import os
import sys
import tempfile


class SectionError(Exception):
    """The document lacks the section's markers."""


def markers(name):
    return f"<!-- BEGIN GENERATED: {name} -->", f"<!-- END GENERATED: {name} -->"


def replace(path, name, body):
    begin, end = markers(name)
    with open(path, encoding="utf-8") as f:
        doc = f.read()
    if begin not in doc or end not in doc:
        raise SectionError(f"{path}: section '{name}': expected the markers '{begin}' and '{end}'")
    i, j = doc.index(begin) + len(begin), doc.index(end)
    text = doc[:i] + "\n" + body.strip("\n") + "\n" + doc[j:]
    with tempfile.NamedTemporaryFile("w", dir=os.path.dirname(os.path.abspath(path)), delete=False,
                                     suffix=".partial", encoding="utf-8") as tmp:
        tmp.write(text)
    os.chmod(tmp.name, os.stat(path).st_mode & 0o777)
    os.replace(tmp.name, path)


if __name__ == "__main__":
    # doc_sections.py DOC NAME < body
    try:
        replace(sys.argv[1], sys.argv[2], sys.stdin.read())
    except (SectionError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        sys.exit(2)

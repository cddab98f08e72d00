"""BackPlan's WeasyPrint driver: one Python process prints every plan of a run.

BackPlan writes this file, from a copy built into its binary, to a private
temporary folder and runs it with the Python of the installed `weasyprint`
command. It imports WeasyPrint once, then reads jobs on stdin, one JSON
object a line:

    {"id": 1, "html": "/path/page.html", "pdf": "/path/page.pdf", "base_url": "file:///path/empty/"}

and answers each on stdout, one JSON object a line, in the same order:

    {"id": 1, "ok": true, "pages": 17, "refused": []}
    {"id": 1, "ok": false, "error": "ValueError: ..."}

The first line it writes, before any job, says it is ready:
{"ready": true, "version": "57.2"}, or {"ready": false, "error": "..."} when
WeasyPrint cannot be imported. It ends at the end of stdin.

Nothing is fetched: the URL fetcher refuses every address but `data:` (the
refused addresses are listed in the answer; WeasyPrint leaves what they
named out of the page). Printing options are those of the `weasyprint`
command that BackPlan runs otherwise (`--media-type print`, fonts subset).
"""
import gc
import json
import os
import sys


def main():
    # Replies go to the original stdout; anything else written there (a stray print, a C library) goes to stderr.
    replies = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    try:
        import weasyprint
        from weasyprint.urls import default_url_fetcher
    except Exception as error:  # noqa: BLE001 - any import failure is reported the same way
        reply(replies, {"ready": False, "error": describe(error)})
        return 1
    reply(replies, {"ready": True, "version": weasyprint.__version__})
    # A laid-out document is a large web of objects that refer to each other: left to itself, Python's collector
    # walks it again and again while the document is made (about a tenth of the CPU time of a plan here). It runs once,
    # after each document, and never over WeasyPrint's own modules (frozen), so memory stays that of one document.
    gc.freeze()
    gc.disable()

    for line in sys.stdin:
        if not line.strip():
            continue
        job = {}
        try:
            job = json.loads(line)
            refused = []

            def fetch(url, *args, **kwargs):
                # Only addresses that carry their content are read; everything else is refused, not fetched.
                if url.strip().lower().startswith("data:"):
                    return default_url_fetcher(url, *args, **kwargs)
                refused.append(url[:200])
                raise ValueError("BackPlan fetches nothing: " + url[:200])

            with open(job["html"], "rb") as page:
                html = weasyprint.HTML(
                    string=page.read().decode("utf-8"), base_url=job["base_url"],
                    media_type="print", url_fetcher=fetch)
            document = html.render(optimize_size=("fonts",))
            document.write_pdf(job["pdf"])
            reply(replies, {"id": job.get("id"), "ok": True, "pages": len(document.pages), "refused": refused})
        except Exception as error:  # noqa: BLE001 - a document that fails fails alone; the driver goes on
            reply(replies, {"id": job.get("id") if isinstance(job, dict) else None, "ok": False, "error": describe(error)})
        finally:
            html = document = None
            gc.collect()
    return 0


def describe(error):
    text = "%s: %s" % (type(error).__name__, error)
    return text[:4000]


def reply(stream, message):
    stream.write(json.dumps(message) + "\n")
    stream.flush()


if __name__ == "__main__":
    sys.exit(main())

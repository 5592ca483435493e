"""The `factcheck` command line: thin click commands over the library functions."""

from __future__ import annotations

import csv
import errno
import json
import multiprocessing
import os
import sqlite3
import sys

import click
from flask import current_app
from flask.cli import FlaskGroup, with_appcontext

from . import __version__, store
from .checking.check import MAX_LIMIT, MAX_STATEMENT, Settings, check
from .checking.dense import Dense
from .extract.readers import BadFile
from .pipeline.embed import embed_all, from_config
from .pipeline.importer import import_claims
from .pipeline.ingest import ingest_paths
from .pipeline.reindex import reindex
from .settings import SettingError
from .store import queries
from .web import create_app
from .web.factory import ensure_corpus

db_option = click.option("--db", "db_path", type=click.Path(dir_okay=False),
                         help="SQLite file (default: FACTCHECK_DATABASE or the instance folder).")


CLI_WAIT_MS = 600_000  # a command queues behind another writer for up to 10 minutes


def open_db(db_path: str | None):
    """The chosen store, migrated; a domain error becomes a clean CLI error."""
    path = db_path or current_app.config["DATABASE"]
    try:
        conn = store.connect(path, wait_ms=CLI_WAIT_MS)
        store.migrate(conn)
    except Exception as exc:  # sqlite3 errors, a newer schema
        raise click.ClickException(f"cannot open database {path}: {exc}") from None
    return conn


def storage_problem(exc: BaseException) -> str | None:
    """A named reason for a failure of the disk or the lock, else None (a real bug)."""
    text = str(exc).lower()
    if isinstance(exc, store.StoreBusy) or store.is_busy(exc):
        return "another writer held the database for 10 minutes; try again when it is done"
    if (isinstance(exc, sqlite3.OperationalError) and ("disk is full" in text
                                                       or "disk i/o error" in text)) or (
            isinstance(exc, OSError) and exc.errno == errno.ENOSPC):
        return ("the disk is full (or failed) while writing: free some space and run the"
                " command again; what was committed before stays intact")
    return None


class Commands(FlaskGroup):
    """The command group: a full disk or a held lock is a named error, not a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except SettingError as exc:  # raised while the app is made: a bad FACTCHECK_* value
            raise click.ClickException(str(exc)) from None
        except (sqlite3.OperationalError, OSError, store.StoreBusy) as exc:
            reason = storage_problem(exc)
            if reason is None:
                raise
            raise click.ClickException(reason) from None


@click.group(cls=Commands, create_app=create_app, add_version_option=False)
@click.version_option(__version__, "--version", prog_name="factcheck")
def cli() -> None:
    """factcheck: claims from source articles, and checks of statements against them."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@db_option
@click.option("--no-link", is_flag=True, help="Skip corroboration links (faster bulk loads).")
@click.option("--no-embed", is_flag=True,
              help="Store no sentence vectors now (lexical only; `factcheck embed` adds them).")
@with_appcontext
def ingest(paths, db_path, no_link, no_embed) -> None:
    """Ingest article files or folders (.txt .md .html .htm .jsonl)."""
    conn = open_db(db_path)

    def on_failure(path: str, reason: str) -> None:
        click.echo(f"\nskipped {path}: {reason}", err=True)

    summary = ingest_paths(conn, paths, link=not no_link, progress=_progress("Ingesting"),
                           on_failure=on_failure,
                           semantic=None if no_embed else _semantic(db_path))
    click.echo(summary.line())
    if summary.failed:
        sys.exit(1)


def _semantic(db_path: str | None):
    """The semantic settings for this store, or None when turned off."""
    return from_config(current_app.config, db_path or current_app.config["DATABASE"])


def _dense(db_path: str | None):
    semantic = _semantic(db_path)
    encoder = semantic.load() if semantic else None
    if encoder is None:
        return None
    return Dense(encoder, db_path or current_app.config["DATABASE"])


@cli.command("embed")
@db_option
@with_appcontext
def embed_command(db_path) -> None:
    """Compute the sentence vectors claims lack (resumable; a changed model re-embeds all)."""
    conn = open_db(db_path)
    semantic = _semantic(db_path)
    if semantic is None or semantic.key() is None:
        reason = semantic.loaded()[1] if semantic else "SEMANTIC is false"
        raise click.ClickException(f"no embedding model: {reason}")
    made = embed_all(conn, semantic, progress=_progress("Embedding"))
    done, total = store.vectors.counts(conn)
    click.echo(f"{made} claims embedded; {done} of {total} claims have a vector"
               f" ({store.vectors.model_key(conn)})")


def _progress(label: str):
    """A progress bar on a terminal; nothing when output is piped or logged."""

    def progress(items, length):
        if not sys.stderr.isatty():
            yield from items
            return
        with click.progressbar(items, length=length, label=label, file=sys.stderr,
                               show_pos=True, show_eta=True) as bar:
            yield from bar

    return progress


@cli.command("reindex")
@db_option
@click.option("--all", "everything", is_flag=True,
              help="Re-extract every document, not only those of another extractor version.")
@with_appcontext
def reindex_command(db_path, everything) -> None:
    """Re-extract stored documents from their stored text after an upgrade."""
    conn = open_db(db_path)
    summary = reindex(conn, everything=everything, progress=_progress("Reindexing"),
                      semantic=_semantic(db_path))
    click.echo(summary.line())
    done, total = store.vectors.counts(conn)
    if summary.embedded or done < total:
        click.echo(f"{summary.embedded} claims embedded; {done} of {total} claims have a"
                   " vector" + ("" if done == total else ": `factcheck embed` adds the rest"))


@cli.command()
@db_option
@click.option("--limit", default=100, show_default=True)
@with_appcontext
def documents(db_path, limit) -> None:
    """List stored documents: id, date, claim count, title."""
    total, rows = queries.documents(open_db(db_path), limit=limit)
    for doc in rows:
        click.echo(f"{doc['id']:>6}  {doc['published'] or '----------':10}  "
                   f"{doc['claim_count']:>4} claims  {doc['title']}")
    if total > len(rows):  # say so: a list cut at --limit must not look complete
        click.echo(f"showing {len(rows):,} of {total:,} documents; --limit {total} lists all",
                   err=True)


@cli.command()
@click.argument("claim_id", required=False, type=int)
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--document", type=int, help="Only the claims of this document.")
@with_appcontext
def claims(claim_id, db_path, as_json, document) -> None:
    """List claims with their spans and facts, or show one claim."""
    conn = open_db(db_path)
    if claim_id is not None:
        row = queries.claim(conn, claim_id)
        if row is None:
            raise click.ClickException(f"no claim {claim_id}")
        rows = [row]
    elif document is not None:
        rows = queries.claims_of_document(conn, document)
    else:
        rows = queries.all_claims(conn)
    if as_json:
        click.echo(json.dumps(rows if claim_id is None else rows[0], ensure_ascii=False, indent=2))
        return
    for row in rows:
        facts = ", ".join(f"{f['kind']}={f['value']}" for f in row["facts"]
                          if f["kind"] not in ("entity", "acronym"))
        click.echo(f"{row['id']:>6} [{row['start']}:{row['end']}] {row['quote']}")
        if facts:
            click.echo(f"{'':>7}{facts}")


@cli.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl",
              show_default=True)
@with_appcontext
def export(db_path, fmt) -> None:
    """Export every claim with its span and facts to standard output."""
    conn = open_db(db_path)
    offset, page = 0, 5000
    writer = None
    while rows := queries.all_claims(conn, limit=page, offset=offset):
        for row in rows:
            if fmt == "jsonl":
                click.echo(json.dumps(row, ensure_ascii=False))
                continue
            if writer is None:
                writer = csv.DictWriter(sys.stdout, fieldnames=list(row))
                writer.writeheader()
            writer.writerow({k: csv_cell(v) for k, v in row.items()})
        offset += page


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """A CSV cell a spreadsheet shows as text: OWASP's advice against CSV injection, a
    leading ' before a text that starts like a formula (=, +, -, @, tab, carriage return)."""
    if isinstance(value, (list, dict)):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


@cli.command("import-claims")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@db_option
@click.option("--no-link", is_flag=True, help="Skip corroboration links.")
@with_appcontext
def import_claims_command(file, db_path, no_link) -> None:
    """Import checked claims (JSON Lines, CSV or TSV: id, text, title, url, rating, published)."""
    from pathlib import Path

    conn = open_db(db_path)
    try:
        summary = import_claims(conn, Path(file), link=not no_link,
                                semantic=_semantic(db_path))
    except BadFile as exc:
        raise click.ClickException(f"{file}: {exc}") from None
    for _path, reason in summary.failures:
        click.echo(f"skipped {reason}", err=True)
    click.echo(summary.line())
    if summary.failed:
        sys.exit(1)


@cli.command("check")
@click.argument("statement")
@db_option
@click.option("--limit", default=5, show_default=True, type=click.IntRange(1, MAX_LIMIT))
@click.option("--json", "as_json", is_flag=True, help="Print the API's JSON.")
@with_appcontext
def check_command(statement, db_path, limit, as_json) -> None:
    """Check a statement against the stored claims; '-' reads one statement a line from stdin."""
    conn = open_db(db_path)
    settings = Settings.from_config(current_app.config)
    dense = _dense(db_path)
    lines = sys.stdin if statement == "-" else [statement]
    refused = 0
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if not line:
            continue
        if len(line) > MAX_STATEMENT:  # named and skipped: the other lines are still checked
            where = f"line {number}: " if statement == "-" else ""
            click.echo(f"{where}a statement can be at most {MAX_STATEMENT:,} characters; this"
                       f" one has {len(line):,} (skipped)", err=True)
            refused += 1
            continue
        result = check(conn, line, limit, settings=settings, dense=dense)
        if as_json:
            click.echo(json.dumps(result, ensure_ascii=False))
        else:
            _print_result(result)
    if refused:
        sys.exit(1)


MEANING = {"supported": "a source passage states this, every figure agreeing",
           "contradicted": "a source passage about the same thing says otherwise",
           "unverified": "no source passage states this or says otherwise"}


def _print_result(result: dict) -> None:
    """A verdict, what it means, and each passage with its source; a blank line after."""
    colour = {"supported": "green", "contradicted": "red", "unverified": "yellow"}
    verdict = result["verdict"]
    click.echo(f"{click.style(verdict.upper(), fg=colour[verdict], bold=True)}  "
               f"{result['statement']}")
    best = f"best match {result['score']:.0f}/100" if result["evidence"] else "nothing close"
    click.echo(f"  {MEANING[verdict]} ({best}; the match is how closely a passage states"
               " the statement)")
    if result.get("respelled"):
        click.echo("  read as: " + ", ".join(f"{r['word']!r} as {r['as']!r}"
                                           for r in result["respelled"]))
    for open_fact in result.get("undecided", []):
        click.echo(f"  sources worded alike disagree: for {open_fact['statement']!r} they give "
                   + ", ".join(repr(v) for v in open_fact["values"][:5])
                   + "; the statement names no one, so none that differs counts against it")
    for item in result["evidence"]:
        quote, m = item["quote"], item["match"]
        a, b = m["start"] - item["start"], m["end"] - item["start"]
        marked = quote[:a] + click.style(quote[a:b], underline=True, bold=True) + quote[b:]
        doc = item["document"]
        click.echo(f"\n  {item['relation']:<11} match {item['score']:.0f}/100  claim"
                   f" {item['claim_id']}  [{item['start']}:{item['end']}]")
        click.echo(f"    \u201c{marked}\u201d")
        click.echo(f"    \u2014 {doc['title']}" + (f", {doc['publisher']}" if doc["publisher"]
                                                   else "")
                   + (f", {doc['published']}" if doc["published"] else ""))
        for diff in item["differences"]:
            click.echo(f"    {diff['kind']}: the statement says {diff['statement']!r};"
                       f" the source says {diff['evidence']!r}")
    click.echo("")


class BadInput(click.ClickException):
    """Bad input to a command a pipeline gates on: exit status 2, as click's usage errors."""

    exit_code = 2


SUFFIX_FORMATS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}


def _read_draft(file: str, fmt: str | None) -> tuple[str, str]:
    """The draft's text and format; BadInput names what is wrong with the file."""
    from pathlib import Path

    from .checking.review import MAX_DRAFT

    if file == "-":
        data = sys.stdin.buffer.read(4 * MAX_DRAFT + 1)
    else:
        path = Path(file)
        if not path.is_file():
            raise BadInput(f"{file}: not a regular file")
        if path.stat().st_size > 4 * MAX_DRAFT:
            raise BadInput(f"{file}: larger than a draft can be ({MAX_DRAFT:,} characters)")
        data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadInput(f"{file}: not valid UTF-8 (byte {exc.start})") from None
    if not text.strip():
        raise BadInput(f"{file}: the draft is empty")
    if len(text) > MAX_DRAFT:
        raise BadInput(f"{file}: {len(text):,} characters; a draft can be at most {MAX_DRAFT:,}")
    return text, fmt or SUFFIX_FORMATS.get(Path(file).suffix.lower(), "text")


@cli.command("review")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@db_option
@click.option("--limit", default=3, show_default=True, type=click.IntRange(1, 10),
              help="Evidence passages per sentence (at most 10).")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "html"]),
              help="How to read FILE (default: from its suffix; '-' is plain text).")
@click.option("--json", "as_json", is_flag=True, help="Print the API's JSON.")
@with_appcontext
def review_command(file, db_path, limit, fmt, as_json) -> None:
    """Review a draft: check every check-worthy sentence of FILE ('-': stdin).

    Exit status 0 when nothing is contradicted, 1 when something is, 2 on bad input.
    """
    from .checking.review import review

    text, fmt = _read_draft(file, fmt)
    conn = open_db(db_path)
    result = review(conn, text, fmt=fmt, limit=limit,
                    settings=Settings.from_config(current_app.config), dense=_dense(db_path))
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False))
    else:
        _print_review(result)
    sys.exit(1 if result["summary"]["contradicted"] else 0)


def _print_review(result: dict) -> None:
    colour = {"supported": "green", "contradicted": "red", "unverified": "yellow"}
    for n, item in enumerate(result["sentences"], 1):
        if item["verdict"] is None:
            continue
        verdict = click.style(f"{item['verdict'].upper():<12}", fg=colour[item["verdict"]],
                              bold=True)
        click.echo(f"{n:>3}. {verdict} {item['text']}")
        best = next((e for e in item["evidence"] if e["claim_id"] == item["decisive"]), None)
        if best is None:
            click.echo("     no source states this or says otherwise")
        else:
            doc = best["document"]
            when = f", {doc['published']}" if doc.get("published") else ""
            click.echo(f"     {best['relation']} ({best['score']:.0f}/100):"
                       f" {doc['title'] or 'Untitled document'}{when} (claim {best['claim_id']})")
            for diff in best["differences"]:
                click.echo(f"     {diff['kind']}: the draft says {diff['statement']!r};"
                           f" the source says {diff['evidence']!r}")
        click.echo("")
    summary = result["summary"]
    click.echo(f"{summary['contradicted']} contradicted, {summary['unverified']} unverified,"
               f" {summary['supported']} supported; {summary['skipped']} sentence"
               f"{'s' if summary['skipped'] != 1 else ''} not check-worthy (skipped)")


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=min(4, 2 * (os.cpu_count() or 1)), show_default=True)
@click.option("--read-only", is_flag=True,
              help="Serve an immutable copy: no writes, no bootstrap, no migrations.")
@db_option
def serve(host, port, workers, read_only, db_path) -> None:
    """Serve the app in production: gunicorn worker processes reading through waitress."""
    from gunicorn.app.base import BaseApplication

    if db_path:
        os.environ["FACTCHECK_DATABASE"] = os.path.abspath(db_path)
    if read_only:
        os.environ["FACTCHECK_READ_ONLY"] = "true"
    # Each worker's encoder uses every core (EMBEDDING_THREADS 0): its threads do not spin
    # while idle, so under load they cost nothing (88.8 checks/s at 32 clients against
    # 86.5 with one thread each) and a lone check is faster (19.0 ms at p50 against 20.7).
    try:
        app = create_app()
    except (RuntimeError, SettingError) as exc:
        raise click.ClickException(str(exc)) from None
    # Build an empty store in a child process: the master must not load onnxruntime (its
    # threads do not survive gunicorn's fork, and a worker inheriting them hangs on exit).
    builder = multiprocessing.get_context("fork").Process(target=ensure_corpus, args=(app,))
    builder.start()
    builder.join()

    class Server(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            # Requests are read whole by waitress before a thread runs them: a slow or
            # idle client holds a socket, not a worker (factcheck/web/server.py).
            self.cfg.set("worker_class", "factcheck.web.server.BufferedWorker")
            self.cfg.set("timeout", 60)

        def load(self):
            return app

    click.echo(f"factcheck serving {app.config['DATABASE']} on http://{host}:{port}/", err=True)
    Server().run()


if __name__ == "__main__":
    cli()

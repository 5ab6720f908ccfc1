"""Versioned schema migrations, recorded in the database and applied on open.

Each migration is a list of SQL statements applied in one transaction. Append new migrations at the end; never
edit a released one, because databases in the field have already run it. ``schema/schema.sql`` is generated from
the result (``workbench schema --write``) and a test fails when it drifts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from workbench.store import search


@dataclass(frozen=True)
class Rebuild:
    """Re-create ``table`` from its current definition with ``edits`` applied: how SQLite changes a constraint.

    The definition is read from the database, so columns that other migrations added survive; ``edits`` are
    (regex, replacement) pairs on its SQL, each of which must match. ``fill`` gives the value of a new column for
    the copied rows (an SQL expression over the old columns). Indexes and triggers are re-created.
    """

    table: str
    edits: tuple[tuple[str, str], ...]
    fill: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Migration:
    """SQL applied in one transaction: ``rebuilds`` first (foreign keys checked afterwards), then ``statements``."""

    version: int
    name: str
    statements: tuple[str, ...]
    rebuilds: tuple[Rebuild, ...] = ()
    # Work SQL cannot do well, run after the statements in the same transaction (given the sqlite-utils Database).
    python: Callable[[Any], None] | None = None
    # PostgreSQL's own statements where SQLite's cannot be translated (store/pg.py): a Rebuild becomes ALTER TABLE,
    # FTS5 a tsvector table. None: ``statements`` run on both engines, translated.
    postgresql: tuple[str, ...] | None = None


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "articles, sentences, claims, quotes, clusters",
        (
            """
            CREATE TABLE articles (
                id INTEGER PRIMARY KEY,
                source TEXT NOT NULL,              -- file name (NFC) or JSONL id: names the article across versions
                version INTEGER NOT NULL,
                content_hash TEXT NOT NULL,        -- sha256 of the stored text
                outlet TEXT NOT NULL DEFAULT 'unknown',
                published TEXT,                    -- ISO date or NULL
                title TEXT,
                url TEXT,
                language TEXT NOT NULL DEFAULT 'en',
                path TEXT,                         -- where it was read from, for the record
                text TEXT NOT NULL,
                ingested_at TEXT NOT NULL,
                superseded_by INTEGER REFERENCES articles(id),
                UNIQUE (source, version),
                UNIQUE (source, content_hash)
            )
            """,
            "CREATE INDEX articles_current ON articles (source) WHERE superseded_by IS NULL",
            "CREATE INDEX articles_outlet ON articles (outlet, published)",
            "CREATE INDEX articles_hash ON articles (content_hash)",
            """
            CREATE TABLE sentences (
                article_id INTEGER NOT NULL REFERENCES articles(id),
                start INTEGER NOT NULL,
                end INTEGER NOT NULL,
                PRIMARY KEY (article_id, start)
            ) WITHOUT ROWID
            """,
            """
            CREATE TABLE claims (
                id INTEGER PRIMARY KEY,
                article_id INTEGER NOT NULL REFERENCES articles(id),
                start INTEGER NOT NULL,
                end INTEGER NOT NULL,
                mention TEXT NOT NULL,
                sentence_start INTEGER NOT NULL,
                sentence_end INTEGER NOT NULL,
                kind TEXT NOT NULL,
                value REAL,
                value_high REAL,
                unit TEXT,
                hedge TEXT,
                change_group INTEGER,              -- id of the first claim of its from/to pair
                role TEXT,
                target INTEGER NOT NULL DEFAULT 0,
                speaker TEXT,
                speaker_start INTEGER,
                speaker_end INTEGER,
                cluster_id INTEGER                 -- id of the cluster's representative claim; NULL until clustered
            )
            """,
            "CREATE INDEX claims_article ON claims (article_id, start)",
            "CREATE INDEX claims_cluster ON claims (cluster_id)",
            "CREATE INDEX claims_kind_value ON claims (kind, value)",
            "CREATE INDEX claims_speaker ON claims (speaker)",
            "CREATE INDEX claims_unclustered ON claims (id) WHERE cluster_id IS NULL",
            """
            CREATE TABLE quotes (
                id INTEGER PRIMARY KEY,
                article_id INTEGER NOT NULL REFERENCES articles(id),
                start INTEGER NOT NULL,
                end INTEGER NOT NULL,
                text TEXT NOT NULL,
                kind TEXT NOT NULL,
                speaker TEXT,
                speaker_start INTEGER,
                speaker_end INTEGER,
                cue TEXT,
                cue_start INTEGER,
                cue_end INTEGER,
                sentence_start INTEGER,
                sentence_end INTEGER,
                cluster_id INTEGER                 -- id of the cluster's representative quote; NULL until clustered
            )
            """,
            "CREATE INDEX quotes_article ON quotes (article_id, start)",
            "CREATE INDEX quotes_cluster ON quotes (cluster_id)",
            "CREATE INDEX quotes_speaker ON quotes (speaker)",
            "CREATE INDEX quotes_unclustered ON quotes (id) WHERE cluster_id IS NULL",
            """
            CREATE TABLE cluster_conflicts (
                kind TEXT NOT NULL CHECK (kind IN ('claim', 'quote')),
                cluster_a INTEGER NOT NULL,
                cluster_b INTEGER NOT NULL,
                PRIMARY KEY (kind, cluster_a, cluster_b),
                CHECK (cluster_a < cluster_b)
            ) WITHOUT ROWID
            """,
        ),
    ),
    Migration(
        2,
        "review: reviews, judgements, sources, notes, events, moves",
        (
            # The current, shared state of one reviewed entity. A row exists once anything was recorded on the
            # entity; ``version`` counts the events on it and is what an optimistic writer must present.
            """
            CREATE TABLE reviews (
                entity_type TEXT NOT NULL CHECK (entity_type IN ('claim', 'quote', 'claim_cluster', 'quote_cluster')),
                entity_id INTEGER NOT NULL,        -- claims.id / quotes.id, or the cluster id (its representative's id)
                verdict TEXT CHECK (verdict IN ('true', 'mostly_true', 'half_true', 'mostly_false', 'false',
                                                'unverifiable')),
                rationale TEXT,
                status TEXT NOT NULL DEFAULT 'unreviewed' CHECK (status IN ('unreviewed', 'in_progress', 'reviewed')),
                assignee TEXT,
                reviewer TEXT,                     -- who made the latest change
                updated_at TEXT,                   -- when (UTC ISO 8601)
                orphaned INTEGER NOT NULL DEFAULT 0, -- 1: its article got a new version and no new item matched
                version INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (entity_type, entity_id)
            ) WITHOUT ROWID
            """,
            "CREATE INDEX reviews_assignee ON reviews (assignee) WHERE assignee IS NOT NULL",
            "CREATE INDEX reviews_orphaned ON reviews (entity_type, entity_id) WHERE orphaned = 1",
            "CREATE INDEX reviews_status ON reviews (status, entity_type)",
            # Each reviewer's own latest verdict per entity, kept even when someone else's verdict is the current
            # one, so inter-reviewer agreement can be measured.
            """
            CREATE TABLE judgements (
                entity_type TEXT NOT NULL,
                entity_id INTEGER NOT NULL,
                reviewer TEXT NOT NULL,
                verdict TEXT NOT NULL,
                rationale TEXT,
                at TEXT NOT NULL,
                PRIMARY KEY (entity_type, entity_id, reviewer)
            ) WITHOUT ROWID
            """,
            "CREATE INDEX judgements_reviewer ON judgements (reviewer, entity_type, entity_id)",
            """
            CREATE TABLE sources (
                id INTEGER PRIMARY KEY,
                entity_type TEXT NOT NULL,
                entity_id INTEGER NOT NULL,
                url TEXT NOT NULL,                 -- validated http(s) URL
                title TEXT,
                excerpt TEXT,
                note TEXT,
                retrieved_at TEXT,
                reference_value REAL,
                reference_unit TEXT,
                comparison TEXT,                   -- JSON: the reference value compared with the claimed value
                reviewer TEXT NOT NULL,
                created_at TEXT NOT NULL,
                removed INTEGER NOT NULL DEFAULT 0 -- 1 after a removal or an undone addition; rows are never deleted
            )
            """,
            "CREATE INDEX sources_entity ON sources (entity_type, entity_id) WHERE removed = 0",
            """
            CREATE TABLE notes (
                id INTEGER PRIMARY KEY,
                entity_type TEXT NOT NULL,
                entity_id INTEGER NOT NULL,
                text TEXT NOT NULL,
                reviewer TEXT NOT NULL,
                created_at TEXT NOT NULL,
                removed INTEGER NOT NULL DEFAULT 0
            )
            """,
            "CREATE INDEX notes_entity ON notes (entity_type, entity_id) WHERE removed = 0",
            # Append-only log of every change. ``before``/``after`` are JSON objects with one section per thing
            # changed ("review", "judgement", "source", "note"); an undo swaps them and points at what it undoes.
            """
            CREATE TABLE events (
                id INTEGER PRIMARY KEY,
                at TEXT NOT NULL,
                reviewer TEXT NOT NULL,
                entity_type TEXT NOT NULL,
                entity_id INTEGER NOT NULL,
                action TEXT NOT NULL,              -- verdict, status, assign, source_add, source_remove, note_add,
                                                   -- note_remove, undo, redo, reanchor, orphan
                before TEXT,
                after TEXT,
                undoes INTEGER REFERENCES events(id),
                redoes INTEGER REFERENCES events(id),
                version INTEGER NOT NULL           -- the entity's version after this event
            )
            """,
            "CREATE INDEX events_entity ON events (entity_type, entity_id, id)",
            "CREATE INDEX events_reviewer ON events (reviewer, id)",
            # Where re-ingest moved an item's records: history and undo follow these links across versions.
            """
            CREATE TABLE moves (
                entity_type TEXT NOT NULL,
                old_id INTEGER NOT NULL,
                new_id INTEGER NOT NULL,
                event_id INTEGER NOT NULL REFERENCES events(id),
                PRIMARY KEY (entity_type, old_id)
            ) WITHOUT ROWID
            """,
            "CREATE INDEX moves_new ON moves (entity_type, new_id)",
        ),
    ),
    Migration(
        3,
        "pages: the web page each article version was extracted from, archived; articles.author",
        (
            "ALTER TABLE articles ADD COLUMN author TEXT",
            # One row per article version read from a web page (fetched, or a saved .html file). ``body`` is the
            # page byte for byte as received (after HTTP transfer decoding), compressed; ``sha256`` is of the
            # uncompressed bytes, so a copy written back out can be checked against it.
            """
            CREATE TABLE pages (
                id INTEGER PRIMARY KEY,
                article_id INTEGER NOT NULL UNIQUE REFERENCES articles(id),
                origin TEXT NOT NULL CHECK (origin IN ('fetch', 'file')),
                requested_url TEXT,                -- the address asked for (NULL for a saved file)
                final_url TEXT,                    -- after redirects; for a saved file, the page's own address
                http_status INTEGER,               -- NULL for a saved file
                fetched_at TEXT NOT NULL,          -- UTC ISO 8601: downloaded, or the saved file read
                content_type TEXT,
                charset TEXT,                      -- what the text was decoded with
                headers TEXT,                      -- JSON: response headers kept as evidence (date, etag, ...)
                sha256 TEXT NOT NULL,
                size INTEGER NOT NULL,             -- bytes before compression
                compression TEXT NOT NULL DEFAULT 'zlib',
                body BLOB NOT NULL
            )
            """,
            "CREATE INDEX pages_final_url ON pages (final_url)",
        ),
    ),
    Migration(
        4,
        "corrections: dismissed, added and corrected items, cluster moves, not-a-conflict, re-extraction",
        (
            # What the extractor produced stays in the item row until a reviewer corrects it; a correction
            # overwrites the row's column (so every reader sees the corrected value) and keeps the extracted value
            # in ``corrections``, keyed by item, so re-anchoring can carry it to the item's successor.
            "ALTER TABLE claims ADD COLUMN origin TEXT NOT NULL DEFAULT 'extracted' "
            "CHECK (origin IN ('extracted', 'added'))",
            # NULL: listed. A reviewer's reason (not_a_claim, not_a_quote, duplicate), or not_extracted (the
            # extractor no longer finds it; kept for its records) or withdrawn (an addition that was undone).
            "ALTER TABLE claims ADD COLUMN dismissed TEXT",
            "ALTER TABLE claims ADD COLUMN corrected TEXT",  # JSON list of the fields a reviewer changed, or NULL
            "ALTER TABLE quotes ADD COLUMN origin TEXT NOT NULL DEFAULT 'extracted' "
            "CHECK (origin IN ('extracted', 'added'))",
            "ALTER TABLE quotes ADD COLUMN dismissed TEXT",
            "ALTER TABLE quotes ADD COLUMN corrected TEXT",
            "CREATE INDEX claims_dismissed ON claims (dismissed) WHERE dismissed IS NOT NULL",
            "CREATE INDEX quotes_dismissed ON quotes (dismissed) WHERE dismissed IS NOT NULL",
            """
            CREATE TABLE corrections (
                entity_type TEXT NOT NULL CHECK (entity_type IN ('claim', 'quote')),
                entity_id INTEGER NOT NULL,
                field TEXT NOT NULL,               -- an item column (kind, value, speaker, cluster_id, dismissed ...)
                                                   -- or 'added' for an item a reviewer added
                extracted TEXT,                    -- JSON: what the current extractor says (its value, or for
                                                   -- 'dismissed' NULL while it still finds the item)
                value TEXT,                        -- JSON: what the reviewer set
                note TEXT,                         -- the reviewer's reason, if given
                reviewer TEXT NOT NULL,
                at TEXT NOT NULL,
                PRIMARY KEY (entity_type, entity_id, field)
            ) WITHOUT ROWID
            """,
            "CREATE INDEX corrections_field ON corrections (field, entity_type)",
            # A reviewer's "these two clusters do not contradict each other"; rows are hidden, never deleted.
            """
            CREATE TABLE not_conflicts (
                kind TEXT NOT NULL CHECK (kind IN ('claim', 'quote')),
                cluster_a INTEGER NOT NULL,
                cluster_b INTEGER NOT NULL,
                note TEXT,
                reviewer TEXT NOT NULL,
                at TEXT NOT NULL,
                removed INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (kind, cluster_a, cluster_b),
                CHECK (cluster_a < cluster_b)
            ) WITHOUT ROWID
            """,
            # The extractor version that produced an article's items (NULL: before versions were recorded).
            "ALTER TABLE articles ADD COLUMN extractor_version INTEGER",
            """
            CREATE TABLE reextract_runs (
                id INTEGER PRIMARY KEY,
                selection TEXT NOT NULL,           -- JSON: which articles (all, stale, since_version)
                extractor_version INTEGER NOT NULL,
                reviewer TEXT NOT NULL,
                started_at TEXT NOT NULL,
                finished_at TEXT                   -- NULL while running or after a crash: the next run resumes it
            )
            """,
            # One row per article a run finished, written in the article's own transaction: a killed run resumes
            # after the last whole article, and its report is the sum of these rows.
            """
            CREATE TABLE reextract_articles (
                run_id INTEGER NOT NULL REFERENCES reextract_runs(id),
                article_id INTEGER NOT NULL,
                counts TEXT NOT NULL,              -- JSON: items added/removed/changed, reviews kept/orphaned ...
                PRIMARY KEY (run_id, article_id)
            ) WITHOUT ROWID
            """,
        ),
    ),
    Migration(
        5,
        "claims: check-worthiness label and score",
        (
            # 'checkable' or 'context' (pipeline/checkworthy/) and the model's probability that the claim is
            # checkable; NULL for claims stored before this migration until `workbench checkworthy` (or the next
            # ingest) assesses them.
            "ALTER TABLE claims ADD COLUMN checkworthy TEXT CHECK (checkworthy IN ('checkable', 'context'))",
            "ALTER TABLE claims ADD COLUMN checkworthy_score REAL CHECK (checkworthy_score BETWEEN 0 AND 1)",
            "CREATE INDEX claims_checkworthy ON claims (checkworthy, checkworthy_score)",
            "CREATE INDEX claims_unassessed ON claims (id) WHERE checkworthy IS NULL",
        ),
    ),
    Migration(
        6,
        "stories: the articles of one news event; conflicts keep their story and the two claims that show them",
        (
            """
            CREATE TABLE stories (
                id INTEGER PRIMARY KEY,            -- the id of the story's first article: stable as articles arrive
                title TEXT NOT NULL,               -- from its first article (its title, else its opening words)
                created_at TEXT NOT NULL
            )
            """,
            # NULL until grouped (the next ingest groups articles stored before this migration); a new version of
            # an article keeps its story.
            "ALTER TABLE articles ADD COLUMN story_id INTEGER REFERENCES stories(id)",
            "CREATE INDEX articles_story ON articles (story_id, published)",
            "CREATE INDEX articles_ungrouped ON articles (id) WHERE story_id IS NULL AND superseded_by IS NULL",
            "CREATE INDEX articles_published ON articles (published) WHERE superseded_by IS NULL",
            # The story both clusters were found in (NULL: found across stories), and the two claims whose
            # sentences show the disagreement side by side.
            "ALTER TABLE cluster_conflicts ADD COLUMN story_id INTEGER",
            "ALTER TABLE cluster_conflicts ADD COLUMN item_a INTEGER",
            "ALTER TABLE cluster_conflicts ADD COLUMN item_b INTEGER",
            "CREATE INDEX cluster_conflicts_story ON cluster_conflicts (story_id)",
            "CREATE INDEX cluster_conflicts_b ON cluster_conflicts (kind, cluster_b)",
        ),
    ),
    Migration(
        7,
        "live_conflicts: the flagged conflicts a reviewer has not marked 'not a conflict'",
        (
            # Every reader of conflicts (lists, markers, story counts, exports) reads this view, so a "not a
            # conflict" mark hides a pair everywhere at once; the engine still writes cluster_conflicts.
            """
            CREATE VIEW live_conflicts AS
            SELECT c.* FROM cluster_conflicts c
            WHERE NOT EXISTS (
                SELECT 1 FROM not_conflicts n
                WHERE n.kind = c.kind AND n.cluster_a = c.cluster_a AND n.cluster_b = c.cluster_b AND n.removed = 0
            )
            """,
        ),
    ),
    Migration(
        8,
        "articles: source_key, an identity that cannot collide",
        (
            "DROP INDEX articles_current",
            "CREATE INDEX articles_current ON articles (source_key) WHERE superseded_by IS NULL",
            "CREATE INDEX articles_source ON articles (source)",
            "CREATE INDEX articles_path ON articles (path) WHERE superseded_by IS NULL",
            # A row inserted without a key (the sqlite3 shell, an older script) is a file named by its source.
            """
            CREATE TRIGGER articles_default_key AFTER INSERT ON articles WHEN NEW.source_key IS NULL
            BEGIN
                UPDATE articles SET source_key = 'file:' || NEW.source WHERE id = NEW.id;
            END
            """,
        ),
        rebuilds=(
            # ``source`` stays what people and the exports see (the file's path relative to the folder ingested, or
            # the JSONL id); ``source_key`` is unique: file:PATH, or jsonl:[file, outlet, id]. Rows stored before
            # get legacy:SOURCE, and the next ingest of their file adopts them under the new key (services/ingest).
            Rebuild(
                "articles",
                edits=(
                    (
                        r"(\n(\s*)source TEXT NOT NULL,[^\n]*)",
                        r"\1\n\2source_key TEXT,                   -- identity across versions: file:PATH, "
                        r"jsonl:[file, outlet, id] or legacy:SOURCE",
                    ),
                    (r"UNIQUE \(source, version\)", "UNIQUE (source_key, version)"),
                    (r"UNIQUE \(source, content_hash\)", "UNIQUE (source_key, content_hash)"),
                    (
                        r"source TEXT NOT NULL,( *)-- file name \(NFC\) or JSONL id: names the article across versions",
                        r"source TEXT NOT NULL,\1-- path relative to the folder ingested (NFC), or the JSONL id",
                    ),
                ),
                fill={"source_key": "'legacy:' || source"},
            ),
        ),
        postgresql=(
            "ALTER TABLE articles ADD COLUMN source_key TEXT",
            "UPDATE articles SET source_key = 'legacy:' || source",
            "ALTER TABLE articles DROP CONSTRAINT articles_source_version_key",
            "ALTER TABLE articles DROP CONSTRAINT articles_source_content_hash_key",
            "ALTER TABLE articles ADD CONSTRAINT articles_source_key_version_key UNIQUE (source_key, version)",
            "ALTER TABLE articles ADD CONSTRAINT articles_source_key_content_hash_key UNIQUE (source_key, content_hash)",
            "DROP INDEX articles_current",
            "CREATE INDEX articles_current ON articles (source_key) WHERE superseded_by IS NULL",
            "CREATE INDEX articles_source ON articles (source)",
            "CREATE INDEX articles_path ON articles (path) WHERE superseded_by IS NULL",
            """
            CREATE FUNCTION articles_default_key() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.source_key IS NULL THEN NEW.source_key := 'file:' || NEW.source; END IF;
                RETURN NEW;
            END $$
            """,
            "CREATE TRIGGER articles_default_key BEFORE INSERT ON articles FOR EACH ROW "
            "EXECUTE FUNCTION articles_default_key()",
        ),
    ),
    Migration(
        9,
        "reviews: who set the verdict and when",
        (
            # reviewer/updated_at name whoever touched the row last (a note, an assignment, a re-ingest's move);
            # the CSV's reviewer and reviewed_at must name who decided the verdict.
            "ALTER TABLE reviews ADD COLUMN verdict_by TEXT",
            "ALTER TABLE reviews ADD COLUMN verdict_at TEXT",
            # Existing rows: the latest event that wrote the verdict (on the item or, one re-ingest back, on the
            # item it was moved from), else the row's last writer.
            """
            UPDATE reviews SET (verdict_by, verdict_at) = (
                SELECT e.reviewer, e.at FROM events e WHERE e.entity_type = reviews.entity_type
                AND (e.entity_id = reviews.entity_id OR e.entity_id IN (SELECT m.old_id FROM moves m
                     WHERE m.entity_type = reviews.entity_type AND m.new_id = reviews.entity_id))
                AND json_type(e.after, '$.review.verdict') IS NOT NULL ORDER BY e.id DESC LIMIT 1)
            WHERE verdict IS NOT NULL
            """,
            "UPDATE reviews SET verdict_by = reviewer, verdict_at = updated_at "
            "WHERE verdict IS NOT NULL AND verdict_by IS NULL",
        ),
        postgresql=(
            "ALTER TABLE reviews ADD COLUMN verdict_by TEXT",
            "ALTER TABLE reviews ADD COLUMN verdict_at TEXT",
            """
            UPDATE reviews SET (verdict_by, verdict_at) = (
                SELECT e.reviewer, e.at FROM events e WHERE e.entity_type = reviews.entity_type
                AND (e.entity_id = reviews.entity_id OR e.entity_id IN (SELECT m.old_id FROM moves m
                     WHERE m.entity_type = reviews.entity_type AND m.new_id = reviews.entity_id))
                AND (e.after::jsonb #> '{review,verdict}') IS NOT NULL ORDER BY e.id DESC LIMIT 1)
            WHERE verdict IS NOT NULL
            """,
            "UPDATE reviews SET verdict_by = reviewer, verdict_at = updated_at "
            "WHERE verdict IS NOT NULL AND verdict_by IS NULL",
        ),
    ),
    Migration(
        10,
        "ingested_files: JSON Lines files ingested whole, so a re-run skips them without reading a line",
        (
            """
            CREATE TABLE ingested_files (
                fingerprint TEXT PRIMARY KEY,      -- sha256 of the file's bytes, then the --encoding it was read with
                path TEXT NOT NULL,                -- where it was read from last (for people; not part of identity)
                articles INTEGER NOT NULL,         -- its article lines, reported as unchanged when it is skipped
                ingested_at TEXT NOT NULL
            )
            """,
        ),
    ),
    Migration(
        11,
        "search: full-text indexes of claims and quotes (FTS5), kept in step by triggers",
        # Contentless FTS5 indexes of each item's sentence; search_pending lists the items inserted, moved or
        # deleted since they were indexed (see workbench/store/search.py). Every existing item starts pending
        # and the Python step indexes them (about 12 s for the 452,000 items of the full corpus).
        search.schema_statements(),
        python=search.migrate,
        postgresql=search.schema_statements_postgresql(),
    ),
    Migration(
        12,
        "browse: indexes for keyset pages in reading, newest-first and check-worthiness order",
        (
            # A listing is read a page at a time in an order an index delivers, so the first page of 200,000
            # claims costs what a page costs. Undated articles sort last in both date orders.
            "CREATE INDEX articles_reading ON articles (coalesce(published, '~'), source) WHERE superseded_by IS NULL",
            "CREATE INDEX articles_newest ON articles (coalesce(published, '') DESC, source) "
            "WHERE superseded_by IS NULL",
            "CREATE INDEX claims_checkworthy_order ON claims (coalesce(checkworthy_score, -1))",
            # The review queue of one kind (key k), most check-worthy first, read straight from one index.
            "CREATE INDEX claims_kind_queue ON claims "
            "(kind, coalesce(checkworthy, 'checkable'), coalesce(checkworthy_score, -1))",
        ),
        # PostgreSQL wants each indexed expression in its own parentheses.
        postgresql=(
            "CREATE INDEX articles_reading ON articles ((coalesce(published, '~')), source) "
            "WHERE superseded_by IS NULL",
            "CREATE INDEX articles_newest ON articles ((coalesce(published, '')) DESC, source) "
            "WHERE superseded_by IS NULL",
            "CREATE INDEX claims_checkworthy_order ON claims ((coalesce(checkworthy_score, -1)))",
            "CREATE INDEX claims_kind_queue ON claims "
            "(kind, (coalesce(checkworthy, 'checkable')), (coalesce(checkworthy_score, -1)))",
        ),
    ),
    Migration(
        13,
        "reviewers: the team's registered reviewer names",
        (
            # In team mode (see Store.team_mode) a write is refused unless its reviewer is registered here, so a
            # typo cannot create a new person in the history. Names are unique regardless of case.
            """
            CREATE TABLE reviewers (
                name TEXT PRIMARY KEY,
                added_at TEXT NOT NULL,            -- UTC ISO 8601
                added_by TEXT                      -- who registered them (the reviewer running the command)
            )
            """,
            "CREATE UNIQUE INDEX reviewers_folded ON reviewers (lower(name))",
        ),
    ),
    Migration(
        14,
        "claims.cluster_features: what clustering reads off a claim's statement, read once at extraction",
        (
            # Written by the ingest's extraction workers (see cluster_claims.prepared_claims), so that clustering,
            # which runs in one process after them, decodes it instead of reading the sentence again. NULL (claims
            # stored before this migration, re-extracted or corrected ones, a reading keyed to other rules): the
            # clustering reads the statement itself, with the same result.
            "ALTER TABLE claims ADD COLUMN cluster_features TEXT",
        ),
    ),
    Migration(
        17,
        "ingested_files.problems: the warnings and skipped lines of a file ingested whole, said again on a skip",
        (
            # A JSON list of [where, reason, severity] (where: " line 12", or "" for the file itself), as the reader
            # reported them; NULL when it had none. Without it a file with one repaired line (the full corpus has
            # an implausible date) was read line by line on every re-run, so that its warning could be repeated.
            "ALTER TABLE ingested_files ADD COLUMN problems TEXT",
        ),
    ),
)


LATEST_VERSION = MIGRATIONS[-1].version

# Indexes whose entries follow no order of insertion (a claim's kind and value, its speaker, its check-worthiness):
# each commit of an ingest rewrote pages all over every one of them, most of the WAL it wrote. An ingest into an
# empty database builds them once after storing instead (``Store.indexes_built_after``), and opening a database
# builds any that a killed ingest left missing (``db.restore_indexes``). Keyed lookups (article, cluster, the
# unclustered and unassessed lists) are written in id order and stay.
DEFERRABLE_INDEXES = (
    "claims_kind_value",
    "claims_speaker",
    "claims_checkworthy",
    "claims_checkworthy_order",
    "claims_kind_queue",
    "quotes_speaker",
)


def index_statement(name: str) -> str:
    """The CREATE INDEX statement (SQLite's) of the newest migration that created index ``name``."""
    prefix = f"CREATE INDEX {name} "
    found = [statement for m in MIGRATIONS for statement in m.statements if statement.startswith(prefix)]
    if not found:
        raise KeyError(name)
    return found[-1]

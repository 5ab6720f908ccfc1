"""Versioned schema migrations, recorded in the database and applied on open.

Each migration is a list of SQL statements applied in one transaction. Append new migrations at the end; never
edit a released one, because databases in the field have already run it. ``schema/schema.sql`` is generated from
the result (``workbench schema --write``) and a test fails when it drifts.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]


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
    ),
)

LATEST_VERSION = MIGRATIONS[-1].version

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
)

LATEST_VERSION = MIGRATIONS[-1].version

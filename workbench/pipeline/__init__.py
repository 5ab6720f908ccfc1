"""Pure text processing: reading files, sentences, claims, quotes, speakers, clustering. No database, no UI."""

"""Screens: main (list + detail), article, cluster, help, and the modal forms."""

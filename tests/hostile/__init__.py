"""Hostile input: every case of issue 10 as a regression test (see the README, "Under bad input")."""

"""Validate what reviewers, editors and roster applicants send, with messages tied to fields."""

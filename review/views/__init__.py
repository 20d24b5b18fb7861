"""Serve the peer review pages: the roster, the queue, an item's review and a reviewer's form.

Each view checks who may act, validates its form, calls one service or selector and
renders. A refused or impossible action answers 4xx with a message and changes nothing;
a successful one redirects, so reloading a page never repeats it.
"""

"""A WSGI application answering every request at once, for the gunicorn worker's test."""


def application(environ, start_response):
    body = b"answered\n" * 1000
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
    return [body]

"""The one error type the generator raises for bad input."""


class SiteError(Exception):
    """Bad input: a declaration, a formula, a prose file or a placeholder.

    The message always names the function (or page), the file and the field,
    so the person who edits that file can fix it without reading Python.
    """

    def __init__(self, subject: str, path: str, field: str, problem: str):
        self.subject, self.path, self.field, self.problem = subject, path, field, problem
        super().__init__(f"{subject}: {path}, field '{field}': {problem}")

    def __reduce__(self):  # raised in a worker process, it must cross back whole
        return SiteError, (self.subject, self.path, self.field, self.problem)

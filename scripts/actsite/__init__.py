"""The generator of the activation-functions site, as a pipeline of stages:

    declare/   read and check the declarations, prose, UI words, experiments (no torch)
    compute/   torch and autograd: records, explorer data, snippets, experiments (cached)
    render/    matplotlib: every figure, its script, the cheat sheet (cached)
    assemble/  text: pages, placeholders, data files, navigation
    adapters/  hand the files to an engine: MkDocs (gen-files), or a plain folder
    tools/     the link checker

A stage imports only from earlier stages and from the shared modules
(errors, cache, workers, languages); tests/test_layers.py holds it to that.
pipeline.py calls the stages in order; ``python -m actsite`` runs them by hand.
"""

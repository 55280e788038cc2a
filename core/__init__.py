"""What every app shares and nothing else: domain errors, the workflow table, saving with history, side
effects after commit, date bounds and the error answers of the API. It imports no app and not `config`:
config wires the apps, the apps build on this."""

"""The desk's features, one controller each (chat, visitors, conversations, phrases, files,
audit, alerts). Each gets only what it uses (models, its views, `Effects`) and registers
the frames it handles; none imports another or the desk, which wires them together."""

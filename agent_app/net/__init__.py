"""The Qt-free network side of the agent app: the relay client and its outbox."""

"""The Parley agent desktop app: tray, live visitors, chats and a local transcript cache."""

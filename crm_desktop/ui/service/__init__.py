"""The Service tab: ticket queues, the ticket view with its actions, the knowledge base, my
overdue tickets in the status bar (and a tray message when one goes overdue)."""

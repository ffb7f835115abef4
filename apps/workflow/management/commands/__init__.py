"""``setup_roles``, ``retry_outbox``, ``send_review_reminders``, ``run_scheduler``."""

"""Logins (throttling, lockout), two-factor authentication and the upload checks
shared by the admin and the partner portal. Imports no other app."""

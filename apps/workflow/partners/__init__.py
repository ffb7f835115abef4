"""The partner portal: accounts, invitations, membership, spam protection,
checked uploads, similar solutions and submissions."""

"""Wagtail's admin messages that its Danish catalogue lacks, for ``makemessages``.

Wagtail 8 ships a Danish catalogue with about a fifth of its admin messages. Django
looks a message up in the user's language and, when that catalogue lacks it, in
``LANGUAGE_CODE`` (German here): a Danish moderator read "Mehr Aktionen", "Ihre
Überprüfung steht aus" and "Berichte". The project's own catalogues in ``locale/``
come first (``LOCALE_PATHS``), so a Danish entry there fills the gap, and a German
entry (Wagtail's own German text) keeps German screens as they are.

``makemessages`` keeps only the messages it finds in the project's code, so this
module lists them: each exactly as Wagtail writes it (same msgid and plural), for the
screens editors, moderators and translators use (dashboard, page explorer and editor,
workflow reports, history, snippets, images, documents, wagtail-localize's pages).
Nothing imports it. ``tests/test_admin_languages.py`` crawls those screens in Danish
and German and names any message still missing; add it here and translate it.
The comments name the Wagtail app whose catalogue holds the message.
"""

# The messages are Wagtail's, character for character, however long.
# ruff: noqa: E501

from __future__ import annotations

from django.utils.translation import gettext_noop, ngettext_lazy

MESSAGES = [
    # wagtail
    gettext_noop("workflows"),
    gettext_noop("workflow_tasks"),
    gettext_noop("slug"),
    gettext_noop("live"),
    gettext_noop("live + in moderation"),
    gettext_noop("locale"),
    gettext_noop("Workflow: start"),
    gettext_noop("'%(workflow)s' started. Next step '%(task)s'"),
    gettext_noop("Draft saved"),
    gettext_noop("system"),
    gettext_noop("workflow"),
    gettext_noop("In progress"),
    gettext_noop("Needs changes"),
    gettext_noop("Cancelled"),
    gettext_noop("Deleted"),
    gettext_noop("Skipped"),
    gettext_noop("Rename"),
    gettext_noop("Copy for translation"),
    gettext_noop("Workflow: approve task"),
    gettext_noop("Approved at '%(task)s'. Next step '%(next_task)s'"),
    gettext_noop("Copied for translation from %(title)s (%(locale)s)"),
    gettext_noop("Renamed from '%(old)s' to '%(new)s'"),
    gettext_noop("collection"),
    gettext_noop("comments"),
    gettext_noop("Locked by workflow"),
    gettext_noop("Only reviewers can edit and approve the %(model_name)s"),
    gettext_noop("Preview in mobile size"),
    gettext_noop("Preview in tablet size"),
    gettext_noop("Preview in desktop size"),
    gettext_noop("The page title as you'd like it to be seen by the public"),
    gettext_noop("Add Comment"),
    gettext_noop(
        "The name of the page as it will appear in URLs e.g http://domain.com/blog/[my-slug]/"
    ),
    gettext_noop(
        "The name of the page displayed on search engine results as the clickable headline."
    ),
    gettext_noop("meta description"),
    gettext_noop(
        "The descriptive text displayed underneath a headline in search engine results."
    ),
    gettext_noop("show in menus"),
    gettext_noop(
        "Whether a link to this page will appear in automatically generated menus"
    ),
    gettext_noop("go live date/time"),
    gettext_noop("expiry date/time"),
    gettext_noop(
        "Reviewers can edit this %(model_name)s – lock it to prevent other reviewers from editing"
    ),
    gettext_noop("locked by"),
    gettext_noop("locked"),
    gettext_noop(
        "This {model_name} is awaiting <b>'{task_name}'</b> in the <b>'{workflow_name}'</b> workflow."
    ),
    # wagtail.admin
    gettext_noop("1 page selected"),
    gettext_noop("%(status_display)s %(task_name)s %(started_at)s"),
    gettext_noop("%(related_model_name)s %(field_label)s"),
    gettext_noop("%(objects)s pages selected"),
    gettext_noop("All %(objects)s pages on this screen selected"),
    gettext_noop("All pages in listing selected"),
    gettext_noop("1 document selected"),
    gettext_noop("%(objects)s documents selected"),
    gettext_noop("All %(objects)s documents on this screen selected"),
    gettext_noop("All documents in listing selected"),
    gettext_noop("1 image selected"),
    gettext_noop("%(objects)s images selected"),
    gettext_noop("All %(objects)s images on this screen selected"),
    gettext_noop("All images in listing selected"),
    gettext_noop("1 user selected"),
    gettext_noop("%(objects)s users selected"),
    gettext_noop("All %(objects)s users on this screen selected"),
    gettext_noop("All users in listing selected"),
    gettext_noop("1 snippet selected"),
    gettext_noop("1 item selected"),
    gettext_noop("%(objects)s snippets selected"),
    gettext_noop("%(objects)s items selected"),
    gettext_noop("All %(objects)s snippets on this screen selected"),
    gettext_noop("All %(objects)s items on this screen selected"),
    gettext_noop("All snippets in listing selected"),
    gettext_noop("All items in listing selected"),
    gettext_noop("Reports"),
    gettext_noop("Workflows"),
    gettext_noop("Workflow tasks"),
    gettext_noop("Site history"),
    gettext_noop("Aging pages"),
    gettext_noop("Page types usage"),
    gettext_noop("Help"),
    gettext_noop("What's new in Wagtail %(version)s"),
    gettext_noop("Editor Guide"),
    gettext_noop("Shortcuts"),
    gettext_noop("Close dialog"),
    gettext_noop("Keyboard shortcut"),
    gettext_noop("All keyboard shortcuts"),
    gettext_noop("Section"),
    gettext_noop("Application"),
    gettext_noop("Show keyboard shortcuts"),
    gettext_noop("Toggle side panel"),
    gettext_noop("Toggle sidebar"),
    gettext_noop("Toggle minimap"),
    gettext_noop("Close modal dialogs (like this one)"),
    gettext_noop("Actions"),
    gettext_noop("Save changes"),
    gettext_noop("Add or show comments"),
    gettext_noop("Text editing"),
    gettext_noop("Cut"),
    gettext_noop("Paste"),
    gettext_noop("Paste without formatting"),
    gettext_noop("Text formatting"),
    gettext_noop("Insert or edit a link"),
    gettext_noop("Monospace (code)"),
    gettext_noop("Strike-through"),
    gettext_noop("Superscript"),
    gettext_noop("Subscript"),
    gettext_noop("account"),
    gettext_noop("Search all pages…"),
    gettext_noop("Edit account avatar"),
    gettext_noop("Wagtail %(current_version)s editor guide"),
    gettext_noop("Toggle section"),
    gettext_noop("Your pages and snippets in a workflow"),
    gettext_noop("Privacy and access"),
    gettext_noop("Task started"),
    gettext_noop("Visit the live page"),
    gettext_noop("Current page status:"),
    gettext_noop("Status %(status)s"),
    gettext_noop("Published"),
    gettext_noop("Search…"),
    gettext_noop("Show filters"),
    gettext_noop("Filter by"),
    gettext_noop("Date updated"),
    gettext_noop("Edited by"),
    gettext_noop("Has child pages"),
    gettext_noop("Locale"),
    gettext_noop("Back"),
    gettext_noop("Side panels"),
    gettext_noop("Side panel width"),
    gettext_noop(
        "Pages created here will not be accessible at any URL. To add pages to an existing site, create them as children of the homepage."
    ),
    gettext_noop("Select row"),
    gettext_noop("%(time)s by %(user_display_name)s"),
    gettext_noop("%(time_period)s ago by %(user_display_name)s"),
    gettext_noop(
        "Sort the order of child pages within '%(parent)s' by '%(label)s' in ascending order."
    ),
    gettext_noop("Select"),
    gettext_noop("Page %(page_num)s of %(total_pages)s"),
    gettext_noop("Bulk actions"),
    gettext_noop("Move selected pages"),
    gettext_noop("Delete selected pages"),
    gettext_noop("Publish %(model_name)s"),
    gettext_noop("Publish selected pages"),
    gettext_noop("Unpublish selected pages"),
    gettext_noop("Toggle breadcrumbs"),
    gettext_noop("Toggle status"),
    gettext_noop("Visible to all. Visit the live page"),
    gettext_noop("Visible to all"),
    gettext_noop("Private. Visit the live page"),
    gettext_noop("%(field_label)s:"),
    gettext_noop("No publishing schedule set"),
    gettext_noop("Available in %(translations_total)s locales"),
    gettext_noop("Switch locales"),
    gettext_noop("Anyone can edit this %(model_name)s"),
    gettext_noop("Once live anyone can view"),
    gettext_noop("Not visible to the public"),
    gettext_noop("Privacy changes apply to all children of this page too."),
    gettext_noop("Change privacy"),
    gettext_noop("Choose who can view the live version of this page"),
    gettext_noop("First published"),
    gettext_noop("Is commenting action"),
    gettext_noop("Create"),
    gettext_noop("Compare with previous version"),
    gettext_noop("System"),
    gettext_noop("By task"),
    gettext_noop("Download XLSX"),
    gettext_noop("Download CSV"),
    gettext_noop("Workflow"),
    gettext_noop("Started at"),
    gettext_noop("Awaiting my review"),
    gettext_noop("Page/Snippet"),
    gettext_noop("Tasks"),
    gettext_noop("Incomplete task"),
    gettext_noop("By workflow"),
    gettext_noop("task"),
    gettext_noop("Completed at"),
    gettext_noop("Date / Time"),
    gettext_noop("Last published before"),
    gettext_noop("No pages found."),
    gettext_noop("Sort by '%(label)s' in ascending order."),
    gettext_noop("Usage count"),
    gettext_noop("Minimum"),
    gettext_noop("Maximum"),
    gettext_noop("%(range_start)s - %(range_end)s"),
    gettext_noop("Editing %(page_type)s"),
    gettext_noop("Editing %(task_type)s"),
    gettext_noop("Saved"),
    gettext_noop("Autosave is paused"),
    gettext_noop("A network error occurred"),
    gettext_noop(
        "Troubleshoot your connection to the site before proceeding. Open the editor in a separate tab to view the last saved version."
    ),
    gettext_noop("Toggle preview"),
    gettext_noop("Toggle checks"),
    gettext_noop("Checks"),
    gettext_noop("Toggle comments"),
    gettext_noop("Comments"),
    gettext_noop("Minimap"),
    gettext_noop("In Moderation"),
    gettext_noop("View details"),
    gettext_noop("Sent to %(task_name)s %(started_at)s"),
    gettext_noop("Submitted"),
    gettext_noop("Not started"),
    gettext_noop("See full history"),
    gettext_noop("Compare with live version"),
    gettext_noop("Preview in new tab"),
    gettext_noop("Loading"),
    gettext_noop("Preview is out of date"),
    gettext_noop(
        "Correct the validation errors to resume preview (saving will highlight errors)"
    ),
    gettext_noop("Show issue"),
    gettext_noop("Content metrics"),
    gettext_noop("Words"),
    gettext_noop("Reading time"),
    gettext_noop("Readability"),
    gettext_noop("This data explained"),
    gettext_noop("How we calculate our metrics"),
    gettext_noop(
        "We extract the main content from the page preview, remove all formatting, and calculate the number of words."
    ),
    gettext_noop(
        "We calculate reading time from word count, using different reading speeds for different languages."
    ),
    gettext_noop(
        "We use a readability formula based on length of words and sentences. Long sentences and words result in a worse readability score."
    ),
    gettext_noop("Issues found"),
    gettext_noop("Button text is empty"),
    gettext_noop("Use meaningful text for screen reader users"),
    gettext_noop("Empty heading found"),
    gettext_noop("Table header text is empty"),
    gettext_noop("Empty frame title found"),
    gettext_noop("Use a meaningful title for screen reader users"),
    gettext_noop("Incorrect heading hierarchy"),
    gettext_noop("Avoid skipping levels"),
    gettext_noop("Input button text is empty"),
    gettext_noop("Link text is empty"),
    gettext_noop("Misusing paragraphs as headings"),
    gettext_noop("Use proper heading tags"),
    gettext_noop("Image alt text has inappropriate pattern"),
    gettext_noop("Use meaningful text"),
    gettext_noop("Meta description is empty"),
    gettext_noop("Add a concise description for search engines"),
    gettext_noop("Comment notifications"),
    gettext_noop("Add comment"),
    gettext_noop(
        'Multi-word tags with spaces will automatically be enclosed in double quotes (").'
    ),
    gettext_noop("Anyone with editing permissions can create schedules"),
    gettext_noop("But only those with publishing permissions can make them effective."),
    gettext_noop("Set publishing schedule"),
    gettext_noop("Choose when this page should go live and/or expire"),
    gettext_noop("Save schedule"),
    gettext_noop("Actions (footer)"),
    gettext_noop("More actions"),
    gettext_noop("Set schedule"),
    gettext_noop("Locked pages"),
    gettext_noop("Awaiting your review"),
    gettext_noop("Task submitted by"),
    gettext_noop("Locked by"),
    gettext_noop("Locked at"),
    gettext_noop("Anyone"),
    gettext_noop("No locked pages found."),
    gettext_noop("View latest version"),
    gettext_noop(
        'See our <a href="%(guide_link)s" target="_blank">content checks guide</a> for more information on how content metrics are calculated.'
    ),
    gettext_noop("Locale: "),
    gettext_noop("Locking: "),
    gettext_noop("Page visibility: "),
    gettext_noop("Autosave is <span>paused</span>"),
    gettext_noop(
        'JavaScript is required to use Wagtail, but it is currently disabled.<br /> Here are the <a href="https://www.enable-javascript.com/" target="_blank" rel="noreferrer">instructions how to enable JavaScript in your web browser</a>.'
    ),
    gettext_noop("Exploring"),
    # wagtail.contrib.forms
    gettext_noop("Page type"),
    gettext_noop("%(model_name)s submissions"),
    # wagtail.contrib.redirects
    gettext_noop("Continue"),
    # wagtail.contrib.settings
    gettext_noop("%(site_setting)s for %(site)s"),
    # wagtail.documents
    gettext_noop("Documents"),
    gettext_noop("Usage"),
    gettext_noop("Collection"),
    gettext_noop("Add to collection"),
    gettext_noop("Add a document"),
    gettext_noop("You haven't uploaded any documents."),
    gettext_noop("Add tags to the selected documents"),
    gettext_noop("Add selected documents to collection"),
    gettext_noop("Delete selected documents"),
    gettext_noop("You haven't uploaded any documents in this collection."),
    gettext_noop(
        'You haven\'t uploaded any documents. Why not <a href="%(wagtaildocs_add_document_url)s">upload one now</a>?'
    ),
    # wagtail.images
    gettext_noop("images"),
    gettext_noop("Images"),
    gettext_noop("Select %(title)s"),
    gettext_noop("Add an image"),
    gettext_noop("Newest"),
    gettext_noop("Oldest"),
    gettext_noop("Title: (A -> Z)"),
    gettext_noop("Title: (Z -> A)"),
    gettext_noop("File size: (low to high)"),
    gettext_noop("File size: (high to low)"),
    gettext_noop("Usage count: (low to high)"),
    gettext_noop("Usage count: (high to low)"),
    gettext_noop("Grid layout"),
    gettext_noop("List layout"),
    gettext_noop("Add tags to the selected images"),
    gettext_noop("Add selected images to collection"),
    gettext_noop("Delete selected images"),
    gettext_noop("Change image"),
    gettext_noop("Edit this image"),
    gettext_noop("Choose an image"),
    gettext_noop("You haven't uploaded any images in this collection."),
    gettext_noop("You haven't uploaded any images."),
    gettext_noop(
        'You haven\'t uploaded any images. Why not <a href="%(wagtailimages_add_image_url)s">upload one now</a>?'
    ),
    # wagtail.snippets
    gettext_noop("Edit this %(object)s"),
    gettext_noop("Choose %(object)s"),
    gettext_noop("Delete selected snippets"),
    gettext_noop("Select all snippets in listing"),
    gettext_noop("Choose another %(object)s"),
    gettext_noop("Submit to %(workflow_name)s"),
    # wagtail.users
    gettext_noop("Keyboard shortcuts"),
    gettext_noop("More options for '%(title)s'"),
    gettext_noop("Status: "),
    gettext_noop("View history"),
    # wagtail_localize
    gettext_noop("Translations"),
    gettext_noop("Locales"),
    gettext_noop("Select all"),
    gettext_noop("Editing %(object_type)s %(title)s"),
    gettext_noop("Translate this page"),
    gettext_noop("Sync translated %(model_name)s"),
    gettext_noop("Sync translated pages"),
    gettext_noop("Translation of %(instance)s into %(locale)s"),
    gettext_noop("Translate page"),
    gettext_noop("Go back"),
]

PLURAL_MESSAGES = [
    # wagtail.admin
    ngettext_lazy("%(num_parent_objects)d page", "%(num_parent_objects)d pages"),
    ngettext_lazy("Referenced %(count)s time", "Referenced %(count)s times"),
    ngettext_lazy(
        '%(total)s Page <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Pages <span class="w-sr-only">created in %(site_name)s</span>',
    ),
    # wagtail.documents
    ngettext_lazy("%(count)s document", "%(count)s documents"),
    ngettext_lazy("Used %(usage_count)s time", "Used %(usage_count)s times"),
    ngettext_lazy(
        '%(total)s Document <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Documents <span class="w-sr-only">created in %(site_name)s</span>',
    ),
    # wagtail.images
    ngettext_lazy("%(count)s image", "%(count)s images"),
    ngettext_lazy(
        '%(total)s Image <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Images <span class="w-sr-only">created in %(site_name)s</span>',
    ),
]

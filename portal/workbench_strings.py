# ruff: noqa: E501 (Wagtail's msgids kept whole, one a line, as its catalogue has them)
"""Workbench strings Wagtail's own zh-hans catalogue lacks (Wagtail 8), listed so that
``make messages`` keeps them in the portal's catalogue (portal/locale), where their Chinese
lives: LOCALE_PATHS come before Wagtail's catalogues. Nothing here runs; tests check that each
has a translation. When Wagtail ships a translation, an entry may go."""

from django.utils.translation import gettext_lazy, ngettext_lazy

WAGTAIL_FILLS = (
    # Wagtail's zh-hans names itself; the portal calls it the workbench (工作台)
    gettext_lazy("Sign in to Wagtail"),
    gettext_lazy("Wagtail admin"),
    gettext_lazy("View Wagtail quick actions"),
    gettext_lazy("Wagtail users"),
    gettext_lazy("- Select an option -"),
    gettext_lazy("Unknown content type"),
    gettext_lazy("Date cannot be in the future."),
    gettext_lazy("No one can make changes while the %(model_name)s is locked"),
    gettext_lazy("<b>'{title}' was locked</b> by <b>you</b> on <b>{datetime}</b>."),
    gettext_lazy("<b>'{title}' is locked</b> by <b>you</b>."),
    gettext_lazy("<b>'{title}' was locked</b> by <b>{user}</b> on <b>{datetime}</b>."),
    gettext_lazy("<b>'{title}' is locked</b>."),
    gettext_lazy("Locked by you"),
    gettext_lazy("Locked by another user"),
    gettext_lazy("Only you can make changes while the %(model_name)s is locked"),
    gettext_lazy("Only %(user)s can make changes while the %(model_name)s is locked"),
    gettext_lazy("This %(model_name)s is currently awaiting moderation."),
    gettext_lazy(
        "This {model_name} is awaiting <b>'{task_name}'</b> in the <b>'{workflow_name}'</b> workflow."
    ),
    gettext_lazy("Only reviewers for this task can edit the %(model_name)s."),
    gettext_lazy("Locked by workflow"),
    gettext_lazy(
        "Reviewers can edit this %(model_name)s – lock it to prevent other reviewers from editing"
    ),
    gettext_lazy("Only reviewers can edit and approve the %(model_name)s"),
    gettext_lazy(
        "{model_name} '{title}' is locked and has been scheduled to go live at {datetime}"
    ),
    gettext_lazy("Locked by schedule"),
    gettext_lazy("Currently locked and will go live on the scheduled date"),
    gettext_lazy("created"),
    gettext_lazy("locale"),
    gettext_lazy("for content type"),
    gettext_lazy(
        "The slug '%(page_slug)s' is already in use within the parent page at '%(parent_url_path)s'."
    ),
    gettext_lazy("Cannot overwrite a revision that is not the latest for this %(model_name)s."),
    gettext_lazy("Cannot overwrite a revision that was not created by the current user."),
    gettext_lazy("the %(model_name)s will also be deleted"),
    gettext_lazy("prevents deletion"),
    gettext_lazy("will do nothing"),
    gettext_lazy("may prevent deletion"),
    gettext_lazy("will unset the reference"),
    gettext_lazy("Private, accessible with a shared password"),
    gettext_lazy("Private, accessible to any logged-in users"),
    gettext_lazy("shared password"),
    gettext_lazy(
        "Shared passwords should not be used to protect sensitive content. Anyone who has this password will be able to view the content."
    ),
    gettext_lazy("Workflow '%(workflow_name)s' on %(model_name)s '%(title)s': %(status)s"),
    gettext_lazy(
        "Active workflows can be added to pages/snippets. Deactivating a workflow does not remove it from existing pages/snippets."
    ),
    gettext_lazy(
        "Pages/snippets at this step in a workflow will be moderated or approved by these groups of users"
    ),
    gettext_lazy("Task '%(task_name)s' on Revision '%(revision_info)s': %(status)s"),
    gettext_lazy("%(model_name)s scheduled for publishing at %(go_live_at)s"),
    gettext_lazy("%(model_name)s scheduled for publishing"),
    gettext_lazy("%(model_name)s unscheduled for publishing at %(go_live_at)s"),
    gettext_lazy("%(model_name)s unscheduled from publishing"),
    gettext_lazy("Removed the '%(restriction)s' view restriction. The page is public."),
    gettext_lazy("Resubmitted '%(task)s'. Workflow resumed"),
    gettext_lazy("Use server language: %(language_name)s"),
    gettext_lazy('You do not have permission to publish pages at "%(page_title)s"'),
    gettext_lazy("The slug '%(page_slug)s' is already in use within the parent page."),
    gettext_lazy("The new page will be a child of this given parent page."),
    gettext_lazy("Tag(s) %(value_too_long)s are over %(max_tag_length)d characters."),
    gettext_lazy("Can access Wagtail admin"),
    gettext_lazy("item"),
    gettext_lazy("items"),
    gettext_lazy("Go to the first error"),
    gettext_lazy(
        "This %(model_name)s is currently at <strong>%(task)s</strong> in <strong>%(workflow)s</strong>."
    ),
    gettext_lazy("Publishing this %(model_name)s will cancel the current workflow."),
    gettext_lazy("Actions (footer)"),
    gettext_lazy(
        'There are no %(model_name)s to display. Why not <a href="%(add_url)s">add one</a>?'
    ),
    gettext_lazy(
        "Preview cannot display due to validation errors. <br /> Click save to highlight the relevant fields."
    ),
    ngettext_lazy("Moved down 1 place.", "Moved down %(counter)s places.", "n"),
    ngettext_lazy("Moved up 1 place.", "Moved up %(counter)s places.", "n"),
    gettext_lazy("Wagtail %(current_version)s editor guide"),
    gettext_lazy("Privacy and access"),
    ngettext_lazy(
        '%(total)s Page <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Pages <span class="w-sr-only">created in %(site_name)s</span>',
        "n",
    ),
    gettext_lazy("Your pages and snippets in a workflow"),
    gettext_lazy(
        'The %(model_name)s "%(title)s" has been approved in moderation stage "%(task)s".'
    ),
    gettext_lazy('The %(model_name)s "%(title)s" has been approved in "%(task)s".'),
    gettext_lazy(
        'The %(model_name)s "%(title)s" has been rejected in moderation stage "%(task)s".'
    ),
    gettext_lazy('The %(model_name)s "%(title)s" has been rejected during "%(task)s".'),
    gettext_lazy(
        'The %(model_name)s "%(title)s" has been submitted for approval in moderation stage "%(task)s".'
    ),
    gettext_lazy("You can preview the %(model_name)s here:"),
    gettext_lazy(
        'The %(model_name)s "%(title)s" has been submitted for approval to moderation stage "%(task)s".'
    ),
    gettext_lazy(
        'The %(model_name)s "%(title)s" has been submitted for approval in moderation stage "%(task)s"'
    ),
    gettext_lazy('The %(model_name)s "%(title)s" has been approved in workflow "%(workflow)s".'),
    gettext_lazy('The %(model_name)s "%(title)s" has been approved in "%(workflow)s".'),
    gettext_lazy(
        'The %(model_name)s "%(title)s" has been rejected during "%(task)s" in workflow "%(workflow)s" by %(rejector)s.'
    ),
    gettext_lazy(
        'The %(model_name)s "%(title)s" has been rejected during "%(task)s" in workflow "%(workflow)s".'
    ),
    gettext_lazy('The %(model_name)s "%(title)s" has been rejected during "%(workflow)s".'),
    gettext_lazy(
        'The %(model_name)s "%(title)s" has been submitted for moderation to workflow "%(workflow)s" by %(requester)s.'
    ),
    gettext_lazy(
        'The %(model_name)s "%(title)s" has been submitted for moderation to workflow "%(workflow)s".'
    ),
    gettext_lazy('The page "%(title)s" has been submitted to workflow "%(workflow)s"'),
    gettext_lazy('The %(model_name)s "%(title)s" has been submitted to workflow "%(workflow)s"'),
    gettext_lazy("Changing the privacy for this page has been disabled."),
    gettext_lazy("Scheduling…"),
    gettext_lazy("Schedule to publish"),
    ngettext_lazy(
        "Deleting this page will also delete %(descendant_count)s child page.",
        "Deleting this page will also delete %(descendant_count)s more child pages.",
        "n",
    ),
    ngettext_lazy(
        "This page has one subpage. Unpublish this too",
        "This page has %(live_descendant_count)s subpages. Unpublish these too",
        "n",
    ),
    gettext_lazy(
        "This page was marked as needing changes at <strong>%(task)s</strong> in <strong>%(workflow)s</strong>."
    ),
    gettext_lazy(
        "This page is currently at <strong>%(task)s</strong> in <strong>%(workflow)s</strong>."
    ),
    gettext_lazy(
        "If you just want to add pages to an existing site, create them as children of the homepage instead."
    ),
    gettext_lazy(
        "Pages created here will not be accessible at any URL. To add pages to an existing site, create them as children of the homepage."
    ),
    gettext_lazy(
        "There is no site record for this location. Pages created here will not be accessible at any URL."
    ),
    gettext_lazy("This page is locked, by you, to further editing"),
    gettext_lazy(
        "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s across entire site."
    ),
    gettext_lazy("No results across entire site."),
    gettext_lazy("Search in '<span class=\"w-title-ellipsis\">%(title)s</span>'"),
    gettext_lazy(
        "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s in '<span class=\"w-title-ellipsis\">%(title)s</span>'."
    ),
    gettext_lazy("No results in '<span class=\"w-title-ellipsis\">%(title)s</span>'."),
    gettext_lazy("%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s"),
    ngettext_lazy("There is one matching page", "There are %(counter)s matching pages", "n"),
    gettext_lazy("Choose when this %(model_name)s should go live and/or expire"),
    gettext_lazy("Choose when this page should go live and/or expire"),
    gettext_lazy(
        'This publishing schedule will only take effect after you select the "Schedule to publish" option'
    ),
    gettext_lazy("Anyone with editing permissions can create schedules"),
    gettext_lazy("But only those with publishing permissions can make them effective."),
    gettext_lazy("Locked by <b>you</b> at <b>%(locking_date)s</b>"),
    gettext_lazy("Locked by <b>%(locked_by)s</b> at <b>%(locking_date)s</b>"),
    gettext_lazy("%(field_label)s:"),
    gettext_lazy("Saved"),
    gettext_lazy("Autosave is paused"),
    gettext_lazy("Edit account avatar"),
    ngettext_lazy(
        "This action will delete <b>%(total_pages_formatted)s</b> page in total.",
        "This action will delete <b>%(total_pages_formatted)s</b> pages in total.",
        "n",
    ),
    gettext_lazy("Please type <b>%(wagtail_site_name)s</b> to confirm."),
    gettext_lazy("You saved a new version in another window"),
    gettext_lazy("System"),
    gettext_lazy("%(user_name)s saved a new version"),
    gettext_lazy("View latest version"),
    gettext_lazy("You have unsaved changes in another window"),
    gettext_lazy("%(user_name)s has unsaved changes"),
    gettext_lazy("Currently idle"),
    gettext_lazy("Currently viewing"),
    ngettext_lazy(
        "One other user is currently viewing", "%(num_user)s other users are currently viewing", "n"
    ),
    gettext_lazy("Proceeding will overwrite the changes you made in that window."),
    gettext_lazy("Proceeding will overwrite the changes made by %(user_name)s."),
    gettext_lazy("Alternatively, you can view the latest version in a new tab."),
    gettext_lazy("A network error occurred"),
    gettext_lazy(
        "Troubleshoot your connection to the site before proceeding. Open the editor in a separate tab to view the last saved version."
    ),
    gettext_lazy("account"),
    gettext_lazy(
        "Keyboard shortcuts are currently disabled; manage your %(account_link)s to enable them."
    ),
    gettext_lazy("Section"),
    gettext_lazy(
        "Keyboard shortcuts are currently enabled; manage your %(account_link)s to disable them."
    ),
    gettext_lazy("Show issue"),
    gettext_lazy("Content metrics"),
    gettext_lazy("Words"),
    gettext_lazy("Reading time"),
    gettext_lazy("Readability"),
    gettext_lazy("This data explained"),
    gettext_lazy("How we calculate our metrics"),
    gettext_lazy(
        "We extract the main content from the page preview, remove all formatting, and calculate the number of words."
    ),
    gettext_lazy(
        "We calculate reading time from word count, using different reading speeds for different languages."
    ),
    gettext_lazy(
        "We use a readability formula based on length of words and sentences. Long sentences and words result in a worse readability score."
    ),
    gettext_lazy(
        'See our <a href="%(guide_link)s" target="_blank">content checks guide</a> for more information on how content metrics are calculated.'
    ),
    gettext_lazy("Available in %(translations_total)s locales"),
    gettext_lazy("Locking: "),
    gettext_lazy("Anyone can edit this %(model_name)s – lock it to prevent others from editing"),
    gettext_lazy("Anyone can edit this %(model_name)s"),
    gettext_lazy("Choose who can view the live version of this page"),
    gettext_lazy("To be created by %(user)s"),
    gettext_lazy("Invalid schedule"),
    gettext_lazy("Go-live:"),
    gettext_lazy("Once scheduled:"),
    gettext_lazy("Refreshing…"),
    gettext_lazy("Refresh"),
    gettext_lazy("Correct the validation errors to resume preview (saving will highlight errors)"),
    gettext_lazy("Autosave is <span>paused</span>"),
    gettext_lazy("Save your changes before leaving"),
    ngettext_lazy(
        "This %(model_name)s is referenced %(usage_count)s time.",
        "This %(model_name)s is referenced %(usage_count)s times.",
        "n",
    ),
    gettext_lazy("One or more references to this %(model_name)s prevent it from being deleted."),
    gettext_lazy("Status %(status)s"),
    gettext_lazy("%(action)s by <b>%(who)s</b> at <b>%(at)s</b>"),
    gettext_lazy("%(action)s at <b>%(at)s</b>"),
    gettext_lazy("%(action)s by <b>%(who)s</b>"),
    gettext_lazy("This %(model_name)s hasn't been submitted for moderation yet"),
    gettext_lazy(
        'JavaScript is required to use Wagtail, but it is currently disabled.<br /> Here are the <a href="https://www.enable-javascript.com/" target="_blank" rel="noreferrer">instructions how to enable JavaScript in your web browser</a>.'
    ),
    gettext_lazy("Item %(index)s of %(total)s"),
    gettext_lazy("Disable custom ordering"),
    gettext_lazy("Enable custom ordering"),
    gettext_lazy("Checks"),
    gettext_lazy("Disabled"),
    gettext_lazy("Cancelled by %(cancelled_by)s"),
    gettext_lazy("More bulk actions"),
    gettext_lazy("at %(time)s by %(user_display_name)s"),
    gettext_lazy("at %(time)s"),
    gettext_lazy("%(time)s by %(user_display_name)s"),
    gettext_lazy("%(time_period)s ago by %(user_display_name)s"),
    gettext_lazy("Changes requested %(finished_at)s"),
    gettext_lazy("Sent to %(task_name)s %(started_at)s"),
    gettext_lazy("%(status_display)s %(task_name)s %(started_at)s"),
    gettext_lazy("Application"),
    gettext_lazy("Show keyboard shortcuts"),
    gettext_lazy("Toggle minimap"),
    gettext_lazy("Close modal dialogs (like this one)"),
    gettext_lazy("Save changes"),
    gettext_lazy("Add or show comments"),
    gettext_lazy("Text editing"),
    gettext_lazy("Cut"),
    gettext_lazy("Paste"),
    gettext_lazy("Paste and match style"),
    gettext_lazy("Paste without formatting"),
    gettext_lazy("Text formatting"),
    gettext_lazy("Insert or edit a link"),
    gettext_lazy("Monospace (code)"),
    gettext_lazy("Strike-through"),
    ngettext_lazy("Referenced %(count)s time", "Referenced %(count)s times", "n"),
    gettext_lazy("Toggle checks"),
    gettext_lazy("(blank)"),
    gettext_lazy("Sort by '%(label)s' in ascending order."),
    gettext_lazy("Sort by '%(label)s' in descending order."),
    gettext_lazy("'%(page_title)s' has been moved successfully."),
    gettext_lazy(
        "Focus on the drag button and press up or down arrows to move the item, then press enter to submit the change."
    ),
    gettext_lazy("Button text is empty"),
    gettext_lazy("Use meaningful text for screen reader users"),
    gettext_lazy("Empty heading found"),
    gettext_lazy("Table header text is empty"),
    gettext_lazy("Empty frame title found"),
    gettext_lazy("Use a meaningful title for screen reader users"),
    gettext_lazy("Incorrect heading hierarchy"),
    gettext_lazy("Avoid skipping levels"),
    gettext_lazy("Input button text is empty"),
    gettext_lazy("Link text is empty"),
    gettext_lazy("Misusing paragraphs as headings"),
    gettext_lazy("Use proper heading tags"),
    gettext_lazy("Image alt text has inappropriate pattern"),
    gettext_lazy("Use meaningful text"),
    gettext_lazy("Meta description is empty"),
    gettext_lazy("Add a concise description for search engines"),
    gettext_lazy("Theme preferences"),
    gettext_lazy("No %(model_name)s match your query."),
    gettext_lazy("%(model_name)s '%(title)s' is now unlocked."),
    gettext_lazy("%(model_name)s '%(object)s' has been scheduled for publishing."),
    gettext_lazy("%(model_name)s '%(object)s' created and scheduled for publishing."),
    gettext_lazy(
        "%(model_name)s '%(object)s' is live and this version has been scheduled for publishing."
    ),
    gettext_lazy("%(model_name)s '%(object)s' updated and published."),
    gettext_lazy("%(model_name)s '%(object)s' created and published."),
    gettext_lazy("%(model_name)s '%(object)s' has been submitted for moderation."),
    gettext_lazy("%(model_name)s '%(object)s' created and submitted for moderation."),
    gettext_lazy("Workflow on %(model_name)s '%(object)s' has been restarted."),
    gettext_lazy("Workflow on %(model_name)s '%(object)s' has been cancelled."),
    gettext_lazy("Saving will overwrite a newer version."),
    gettext_lazy("The %(model_name)s could not be saved as it is locked"),
    gettext_lazy(
        "You are viewing a previous version of this %(model_name)s from <b>%(created_at)s</b> by %(user)s"
    ),
    gettext_lazy("%(model_name)s '%(object)s' has been replaced with version from %(timestamp)s."),
    gettext_lazy("Version from %(timestamp)s of %(model_name)s '%(object)s' has been published."),
    gettext_lazy(
        "Version from %(timestamp)s of %(model_name)s '%(object)s' has been scheduled for publishing."
    ),
    gettext_lazy("Sort item order"),
    gettext_lazy("New: %(model_name)s"),
    gettext_lazy("There are validation errors, click save to highlight them."),
    gettext_lazy("Compare"),
    gettext_lazy("Preview for %(block_label)s (%(block_type)s)"),
    gettext_lazy("If you confirm deletion"),
    gettext_lazy("(Private %(object)s)"),
    gettext_lazy("The %(model_name)s '%(title)s' is not currently awaiting moderation."),
    gettext_lazy(
        "The %(model_name)s '%(title)s' is not currently awaiting moderation in task '%(task_name)s'."
    ),
    gettext_lazy("Search all pages…"),
    gettext_lazy("Privacy is inherited from the ancestor page - %(ancestor_page)s"),
    gettext_lazy("%(parent_pages)s and %(child_pages)s have been deleted"),
    ngettext_lazy(
        "%(num_parent_objects)d page has been deleted",
        "%(num_parent_objects)d pages have been deleted",
        "n",
    ),
    ngettext_lazy("%(num_parent_objects)d page", "%(num_parent_objects)d pages", "n"),
    ngettext_lazy("%(num_child_objects)d child page", "%(num_child_objects)d child pages", "n"),
    gettext_lazy("%(parent_pages)s and %(child_pages)s have been published"),
    ngettext_lazy(
        "%(num_parent_objects)d page has been published",
        "%(num_parent_objects)d pages have been published",
        "n",
    ),
    gettext_lazy("%(parent_pages)s and %(child_pages)s have been unpublished"),
    ngettext_lazy(
        "%(num_parent_objects)d page has been unpublished",
        "%(num_parent_objects)d pages have been unpublished",
        "n",
    ),
    gettext_lazy("Choose parent"),
    gettext_lazy("Create a new %(model_name)s"),
    gettext_lazy("The page could not be created due to validation errors."),
    gettext_lazy("The page could not be saved as it is locked."),
    gettext_lazy("The page could not be saved due to validation errors."),
    gettext_lazy("Date updated"),
    gettext_lazy("Edited by"),
    gettext_lazy("Has child pages"),
    gettext_lazy("Any"),
    gettext_lazy("Page type"),
    gettext_lazy("Exploring"),
    gettext_lazy(
        "The slug '%(page_slug)s' is already in use at the selected parent page. Make sure the slug is unique and try again."
    ),
    gettext_lazy("Placeholder title"),
    gettext_lazy("Page types usage"),
    gettext_lazy("Locked by"),
    gettext_lazy("Anyone"),
    gettext_lazy("By task"),
    gettext_lazy("By workflow"),
    gettext_lazy("Show disabled"),
    gettext_lazy("Shortcuts"),
    gettext_lazy("(%(number)s new items in this menu)"),
    gettext_lazy("(1 new item in this menu)"),
    gettext_lazy("(New)"),
    ngettext_lazy("%(num)s error", "%(num)s errors", "n"),
    ngettext_lazy("%(num)s min", "%(num)s mins", "n"),
    ngettext_lazy("%(num)s pixel", "%(num)s pixels", "n"),
    gettext_lazy("%(time_zone_option)s: %(localized_time_zone_label)s"),
    gettext_lazy("A network error occurred."),
    gettext_lazy("A server error occurred."),
    gettext_lazy("Autosave in progress…"),
    gettext_lazy("Blocks"),
    gettext_lazy("Changes have been autosaved."),
    gettext_lazy("Complex"),
    gettext_lazy("Error while sending preview data."),
    gettext_lazy("Fair"),
    gettext_lazy("Good"),
    gettext_lazy("Insert a block"),
    gettext_lazy("Split block"),
    gettext_lazy("Write something or type ‘/’ to insert a block"),
    gettext_lazy("Required. Letters, digits and @/./+/-/_ only."),
    gettext_lazy("admin theme"),
    gettext_lazy("More contrast"),
    gettext_lazy("contrast"),
    gettext_lazy("Snug"),
    gettext_lazy("density"),
    gettext_lazy("Enable custom keyboard shortcuts specific to Wagtail."),
    gettext_lazy("Revoked"),
    gettext_lazy("Toggle all change permissions"),
    gettext_lazy("Toggle all delete permissions"),
    gettext_lazy("Toggle all custom permissions"),
    gettext_lazy("Can view"),
    gettext_lazy("Never"),
    gettext_lazy("unknown number"),
    gettext_lazy("Layout"),
    gettext_lazy("You haven't uploaded any images."),
    ngettext_lazy(
        '%(total)s Image <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Images <span class="w-sr-only">created in %(site_name)s</span>',
        "n",
    ),
    gettext_lazy("Image focal point"),
    gettext_lazy("Grid layout"),
    gettext_lazy("List layout"),
    gettext_lazy(
        "Please provide an image description to comply with best practices for accessibility."
    ),
    gettext_lazy("Oldest"),
    gettext_lazy("Usage count: (low to high)"),
    gettext_lazy("Usage count: (high to low)"),
    gettext_lazy("Maximum filesize: %(max_upload_size)s."),
    ngettext_lazy(
        '%(total)s Document <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Documents <span class="w-sr-only">created in %(site_name)s</span>',
        "n",
    ),
    gettext_lazy("The document could not be created due to errors."),
    gettext_lazy("The file could not be found. Please change the source or delete the document."),
)

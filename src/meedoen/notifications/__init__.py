"""Notifications: what asks something of a person, in their list in Meedoen and by e-mail.

A service of any app that asks something of someone (a proposal to answer, a concern to
acknowledge, a referral waiting) calls `services.notify_person` in its own transaction. The
person sees it in the list behind the header's count; the e-mail goes at once, in a daily
digest, or never, as they chose per kind (`MailPreferences`). Both mails go through
`meedoen.notify`, so they are sent once, after the write has committed.
"""

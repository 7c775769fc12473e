from __future__ import annotations

from django import forms
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.contrib.auth.password_validation import validate_password
from django.template import loader
from django.utils.translation import gettext_lazy as _
from django_otp.oath import TOTP

from meedoen import notify
from meedoen.forms import AccessibleFormMixin
from meedoen.organisations.models import Membership


class LoginForm(AccessibleFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "The username or password is not right. Check both and try again; after several "
            "attempts the account is locked for a while."
        ),
        "inactive": _("This account is not active."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Username")
        self.fields["username"].widget.attrs["autocomplete"] = "username"
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"


class ResetRequestForm(AccessibleFormMixin, PasswordResetForm):
    """Ask for a link to choose a new password. The message goes through Meedoen's mail queue
    (`meedoen.notify`): written with the request, sent by the worker."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("E-mail address")
        self.fields["email"].help_text = _("The e-mail address of your Meedoen account.")
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        notify.send([to_email], subject, body)


class ChangePasswordForm(AccessibleFormMixin, PasswordChangeForm):
    """The person's own password: the current one, then the new one twice."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Your current password")
        self.fields["new_password1"].label = _("New password")
        self.fields["new_password2"].label = _("New password again")
        self.fields["old_password"].widget.attrs["autocomplete"] = "current-password"
        for name in ("new_password1", "new_password2"):
            self.fields[name].widget.attrs["autocomplete"] = "new-password"


class NewPasswordForm(AccessibleFormMixin, SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("New password")
        self.fields["new_password2"].label = _("New password again")
        for name in ("new_password1", "new_password2"):
            self.fields[name].widget.attrs["autocomplete"] = "new-password"


class TokenForm(AccessibleFormMixin, forms.Form):
    token = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]*"}
        ),
    )

    def __init__(self, *args, device=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].strip()
        if not token.isdigit():
            raise forms.ValidationError(_("The code consists of six digits."))
        if self.device is not None:
            allowed, _details = self.device.verify_is_allowed()
            if not allowed:
                raise forms.ValidationError(
                    _("Too many wrong codes in a row. Wait a minute, then enter the new code.")
                )
        if self.device is None or not self.device.verify_token(token):
            raise forms.ValidationError(
                _("This code is not right or has expired. Enter the code your app shows now.")
            )
        return token


def current_token(device) -> str:
    """The code the device's authenticator app shows right now (for tests and support)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


class DetailsForm(AccessibleFormMixin, forms.Form):
    """The person's own name and e-mail address, to correct."""

    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    phone = forms.RegexField(
        label=_("Telephone number"),
        max_length=30,
        required=False,
        regex=r"^\+?[0-9 ()-]{6,}$",
        error_messages={"invalid": _("Enter a telephone number, for example 06 12345678.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].widget.input_type = "tel"
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"


class EraseOwnForm(AccessibleFormMixin, forms.Form):
    """Erasing one's own data: confirmed with the password."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if self.user is None or not self.user.check_password(password):
            raise forms.ValidationError(_("This password is not right."))
        return password


class EraseOnBehalfForm(AccessibleFormMixin, forms.Form):
    """A coordinator erasing a person's data on their behalf: confirmed explicitly."""

    confirm = forms.BooleanField(
        label=_("I have checked that this person asked to be erased, and I confirm it."),
        required=True,
    )


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AuditSearchForm(AccessibleFormMixin, forms.Form):
    """The audit log's search: whose file, who, when, what."""

    kind = forms.ChoiceField(
        label=_("Kind of file"),
        required=False,
        choices=[],
        initial="request",
    )
    subject = forms.CharField(
        label=_("File"),
        required=False,
        max_length=150,
        help_text=_("A help request's reference or number, a volunteer's number, a username."),
    )
    actor = forms.CharField(
        label=_("Done by (username)"),
        required=False,
        max_length=150,
    )
    since = forms.DateField(label=_("From"), required=False, widget=DATE)
    until = forms.DateField(label=_("Up to and including"), required=False, widget=DATE)
    action = forms.ChoiceField(label=_("What happened"), required=False, choices=[])

    def __init__(self, *args, files=(), actions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = list(files)
        self.fields["action"].choices = [("", _("Anything")), *actions]

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end of the period lies before its start."))
        if not data.get("kind"):
            data["kind"] = "request"
        return data


class ApiTokenForm(AccessibleFormMixin, forms.Form):
    """A new API token of one's own: what it is for, and how long it works."""

    name = forms.CharField(
        label=_("What is the token for?"),
        max_length=100,
        help_text=_("For example the program or the script that uses it."),
    )
    days = forms.TypedChoiceField(
        label=_("Valid for"),
        coerce=int,
        initial=90,
        choices=[
            (30, _("30 days")),
            (90, _("90 days")),
            (180, _("180 days")),
            (365, _("a year")),
        ],
    )


class InvitationForm(AccessibleFormMixin, forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"))
    language = forms.ChoiceField(
        label=_("Language of the invitation"),
        choices=[("nl", "Nederlands"), ("en", "English")],
        initial="nl",
        required=False,
    )

    def __init__(self, *args, roles=(), **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Membership.Role.choices)
        self.fields["role"].choices = [(role, labels[role]) for role in roles]
        self.fields["email"].widget.attrs["autocomplete"] = "off"


class AcceptNewForm(AccessibleFormMixin, forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    username = forms.RegexField(
        label=_("Username"),
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={"invalid": _("Use only letters, digits and . @ + - _")},
    )
    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput)
    password2 = forms.CharField(label=_("Password again"), widget=forms.PasswordInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        self.fields["username"].widget.attrs["autocomplete"] = "username"
        for name in ("password1", "password2"):
            self.fields[name].widget.attrs["autocomplete"] = "new-password"

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords are not the same."))
        elif first:
            try:
                validate_password(first)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data

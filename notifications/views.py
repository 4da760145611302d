from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from accounts.models import Profile
from notifications import services
from notifications.digests import digest_frequency
from notifications.models import OutboxMessage
from notifications.outbox import render_subject

PAGE_SIZE = 25


def notification_list(request):
    messages_page = Paginator(
        OutboxMessage.objects.filter(recipient=request.user).only(
            "code", "kind", "context", "link", "created_at", "read_at", "recipient_id"
        ),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    for message in messages_page:
        message.recipient = request.user
        message.title = render_subject(message)
    return render(request, "notifications/list.html", {"page": messages_page})


@require_POST
def notification_open(request, code):
    message = get_object_or_404(OutboxMessage, code=code, recipient=request.user)
    services.message_mark_read(message=message, user=request.user)
    target = message.link or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    return redirect(target)


@require_POST
def notification_read_all(request):
    count = services.messages_mark_all_read(user=request.user)
    messages.success(request, _("%(count)d notifications marked as read.") % {"count": count})
    return redirect("notifications:list")


class PreferencesForm(forms.Form):
    digest_frequency = forms.ChoiceField(
        label=_("Report digest"), choices=Profile.DigestFrequency.choices,
        help_text=_("Daily digests come at 07:00, weekly digests on Monday at 07:00."),
    )
    email_kinds = forms.MultipleChoiceField(
        label=_("Send me an e-mail about"),
        choices=[choice for choice in OutboxMessage.Kind.choices
                 if choice[0] != OutboxMessage.Kind.DIGEST],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Everything stays listed on the notifications page either way."),
    )


def notification_settings(request):
    profile = request.user.profile
    emailed = [kind for kind, _label in PreferencesForm.base_fields["email_kinds"].choices
               if kind not in profile.email_muted_kinds]
    form = PreferencesForm(
        request.POST or None,
        initial={"digest_frequency": digest_frequency(request.user), "email_kinds": emailed},
    )
    if request.method == "POST" and form.is_valid():
        all_kinds = {kind for kind, _label in form.fields["email_kinds"].choices}
        services.preferences_save(
            user=request.user, digest_frequency=form.cleaned_data["digest_frequency"],
            muted_kinds=all_kinds - set(form.cleaned_data["email_kinds"]),
        )
        messages.success(request, _("Your notification settings are saved."))
        return redirect("notifications:settings")
    return render(request, "notifications/settings.html", {"form": form})

"""Message drafts: the request for 15 minutes, the follow-up, and the thank-you note.

:func:`draft_request` follows the source document's script — "Mrs. Smith, Brad Johnson
suggested I speak with you. My name is … and I am interested in … Do you have any time this
week …? I only need about 15 minutes …" — naming the referrer only when I may use the name
(see :func:`~infoview_graph.algorithms._prep.connection`). It asks for advice and time, never
for a job. :func:`draft_followup` is the short reminder to a request nobody answered, citing
the date and channel of its first message. :func:`draft_thanks` thanks the person for the
latest interview, citing the advice they gave and the names they passed on.
:func:`draft_cautions` says what to know before sending any of them.

My goal, not their field
    A draft speaks of the target that makes the person relevant (see
    :func:`~infoview_graph.algorithms._prep.focus`): "accounting at General Mills" when they
    are in a target field (or the referral was for one), "careers at General Mills" when
    only their employer is a target of mine, "the accounting field" when they work in a
    field related to a target field (then the advice is asked "from someone in a related
    field"), and "the work you do at <organization>" otherwise. A field of theirs that is
    not one of my targets is never named as my interest.

Tone
    People I know — met as a friend, family, colleague, classmate or neighbour, or with my
    tie to them of strength 2 or more — are greeted by their first name ("Hi Brad," in a
    request or follow-up, "Dear Brad," in a thank-you note), are not told my name, and the
    draft is signed with my first name. Everyone else is greeted by the name as stored
    ("Dear Margaret Smith,"). The first name is the first word of the stored name, unless
    that word is a title (Mr., Mrs., Ms., Miss, Mx., Dr., Prof., …) or an initial: then the
    whole stored name is kept ("Hi Mrs. Smith,"). The tool never guesses a title.

Who may be drafted to
    Nobody marked do not contact: every draft function raises
    :class:`~infoview_graph.errors.InvalidInputError` for them. A follow-up needs a request
    that waits for an answer (stage *asked*, *follow-up due* or *no response* in
    :mod:`infoview_graph.lifecycle`). For someone who declined, the draft is made, and
    :func:`draft_cautions` returns a warning to show with it.

Templates
    The default templates are ``string.Template`` files in ``data/templates/``
    (``request.txt``, ``followup.txt``, ``thanks.txt``). A user template is the text of such
    a file, passed as ``template=``; its ``$placeholders`` are checked against
    :data:`REQUEST_PLACEHOLDERS`, :data:`FOLLOWUP_PLACEHOLDERS` or
    :data:`THANKS_PLACEHOLDERS` (write ``$$`` for a dollar sign). Blank lines left by empty
    paragraphs are collapsed. ``$salutation`` is the name to greet them by, so an older
    template's ``Dear $salutation,`` follows the tone rule too.

Length
    With the default templates the request and the follow-up stay under 100 words: if long
    names would push one over, the organization is dropped from the interest; if it is
    still too long, an :class:`~infoview_graph.errors.InvalidInputError` says so rather than
    send a long message. A user template is the user's responsibility: its length is not
    checked.

Examples
--------
>>> from infoview_graph.demo import demo_network
>>> net = demo_network()
>>> request = draft_request(net, "Margaret Smith")
>>> print(request.splitlines()[2])
Brad Johnson suggested I speak with you. My name is Steven Olson and I am interested in accounting
at General Mills. I could use some advice from someone who is in this field. Do you have any time
this week when I could meet with you? I only need about 15 minutes of your time. It would really
help me in my decision-making process.
>>> word_count(request) < MAX_REQUEST_WORDS
True
>>> print(draft_followup(net, "Jessica Tran").splitlines()[2])
My name is Steven Olson and I am following up on my LinkedIn message of November 9 asking for 15
minutes of your time. I am interested in careers at General Mills. I could use some advice from
someone who works there. Would you have a little time in the next week or two? It would really help
me in my decision-making process.
"""

from __future__ import annotations

from infoview_graph.algorithms._drafts._cautions import draft_cautions
from infoview_graph.algorithms._drafts._messages import (
    draft_followup,
    draft_news,
    draft_request,
    draft_thanks,
)
from infoview_graph.algorithms._drafts._words import (
    FOLLOWUP_PLACEHOLDERS,
    MAX_REQUEST_WORDS,
    NEWS_PLACEHOLDERS,
    REQUEST_PLACEHOLDERS,
    THANKS_PLACEHOLDERS,
    Caution,
    DraftKind,
    word_count,
)

__all__ = [
    "FOLLOWUP_PLACEHOLDERS",
    "MAX_REQUEST_WORDS",
    "NEWS_PLACEHOLDERS",
    "REQUEST_PLACEHOLDERS",
    "THANKS_PLACEHOLDERS",
    "Caution",
    "DraftKind",
    "draft_cautions",
    "draft_followup",
    "draft_news",
    "draft_request",
    "draft_thanks",
    "word_count",
]

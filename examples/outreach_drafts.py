"""The request for 15 minutes and the thank-you note, drafted from the network.

Run: python examples/outreach_drafts.py [DIRECTORY]   (the directory is not used)
"""

import infoview_graph as ivg
from infoview_graph.algorithms import draft_request, draft_thanks, word_count

network = ivg.demo_network()

request = draft_request(network, "Margaret Smith")
print(request)
print(f"({word_count(request)} words)\n")

# Your own wording: a string.Template with the documented $placeholders.
template = (
    "Hello $salutation,\n\n${introduction}I am exploring $interest and would value $minutes minutes"
    " of your advice, by phone or over coffee.\n\nBest regards,\n$my_name\n"
)
print(draft_request(network, "Margaret Smith", template=template))

print(draft_thanks(network, "Marcus Bell"))

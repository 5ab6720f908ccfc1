"""Quote extraction on sentences written for the test: spans, kinds, speakers, cues, marks and apostrophes."""

from __future__ import annotations

import pytest

from workbench.models import Quote
from workbench.pipeline.names import split_name, tokenize
from workbench.pipeline.quotes import extract_quotes


def only(text: str) -> Quote:
    quotes = extract_quotes(text)
    assert len(quotes) == 1, [q.text for q in quotes]
    return quotes[0]


def mention(text: str, quote: Quote) -> str | None:
    if quote.speaker_start is None:
        return None
    return text[quote.speaker_start : quote.speaker_end]


def check_offsets(text: str, quotes: list[Quote]) -> None:
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text
        assert quote.sentence_start <= quote.start <= quote.end <= quote.sentence_end
        if quote.cue is not None:
            assert text[quote.cue_start : quote.cue_end] == quote.cue


# --- quotation marks -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "inner"),
    [
        ("“We will win,” she said.", "We will win,"),
        ('"We will win," she said.', "We will win,"),
        ("‘We will win,’ she said.", "We will win,"),
        ("«We will win», she said.", "We will win"),
        ("``We will win,'' she said.", "We will win,"),
        ("''We will win,'' she said.", "We will win,"),
    ],
)
def test_every_style_of_quotation_mark(text: str, inner: str):
    quote = only(text)
    assert quote.text == inner
    assert (quote.kind, quote.speaker, quote.cue) == ("direct", None, "said")
    assert mention(text, quote) == "she"
    check_offsets(text, [quote])


def test_span_excludes_marks_and_surrounding_space():
    text = "He said: “  Enough is enough.  ”"
    quote = only(text)
    assert quote.text == "Enough is enough."
    assert text[quote.start - 3 : quote.start] == ":  " or text[quote.start - 1] == " "


@pytest.mark.parametrize(
    "text",
    [
        "Iran’s exports didn’t fall in the ’90s.",
        "Iran's exports didn't fall in the '90s.",
        "Fans of rock ’n’ roll packed the hall.",
        "Fans of rock 'n' roll packed the hall.",
        "The students’ union and the teachers’ council met.",
        "The students' union and the teachers' council met on Jones' farm.",
        "He was 6'2\" tall and drove 'em home.",
    ],
)
def test_apostrophes_are_not_quotation_marks(text: str):
    assert extract_quotes(text) == []


def test_plural_possessive_inside_single_quotes_does_not_close_them():
    text = "‘The students’ demands are fair,’ the dean said."
    quote = only(text)
    assert quote.text == "The students’ demands are fair,"
    assert quote.speaker == "the dean"


def test_apostrophes_inside_a_quote_stay_in_it():
    text = "“Iran’s rise didn’t start in the ’90s,” Raisi said."
    assert only(text).text == "Iran’s rise didn’t start in the ’90s,"


def test_nested_quote_belongs_to_the_outer_one():
    text = "“They told me ‘no way,’ and I left,” said Ana Lopez."
    quote = only(text)
    assert quote.text == "They told me ‘no way,’ and I left,"
    assert quote.speaker == "Ana Lopez"


def test_exclamation_and_question_marks_inside_the_quote():
    text = (
        "Nicolás Maduro spoke in Caracas. “Together we will be invincible!” he added. "
        "“Who could stop us?” asked Maduro."
    )
    first, second = extract_quotes(text)
    assert (first.text, second.text) == ("Together we will be invincible!", "Who could stop us?")
    assert (first.speaker, first.cue, mention(text, first)) == ("Nicolás Maduro", "added", "he")
    assert (second.speaker, second.cue, mention(text, second)) == ("Nicolás Maduro", "asked", "Maduro")
    assert first.kind == second.kind == "direct"


# --- unbalanced and odd marks ----------------------------------------------------------------------------------


def test_unclosed_quote_stops_at_the_paragraph_end():
    text = "Raisi said: “We will win this fight.\n\nThe talks ended on Monday. Officials left."
    quote = only(text)
    assert quote.text == "We will win this fight."
    assert "\n" not in quote.text


def test_unclosed_quote_inside_a_long_paragraph_does_not_swallow_it():
    tail = " ".join(f"Sentence number {i} follows here." for i in range(40))
    text = "He said “we will see. Maybe. Perhaps not. " + tail
    quote = only(text)
    assert quote.end < len(text) // 4
    check_offsets(text, [quote])


def test_stray_closing_mark_is_ignored():
    text = "The plan” was approved. “It is good,” she said."
    quote = only(text)
    assert quote.text == "It is good,"


def test_missing_closing_straight_mark_before_the_next_quote():
    text = 'He said "I am here. "Next quote," she added.'
    quotes = extract_quotes(text)
    assert [q.text for q in quotes] == ["I am here.", "Next quote,"]
    assert quotes[1].cue == "added"


def test_mistyped_closing_mark_of_the_other_kind():
    text = "Schumer tweeted: “Let’s go.’ Schumer was at the White House. The film is “Trainwreck.”"
    quotes = extract_quotes(text)
    assert [(q.text, q.kind) for q in quotes] == [("Let’s go.", "direct"), ("Trainwreck.", "fragment")]


def test_long_run_of_marks_is_not_a_quote():
    assert extract_quotes('He wrote """""" and “““ then left.') == []


# --- multi-paragraph quotations --------------------------------------------------------------------------------


def test_quote_running_over_paragraphs_gives_one_quote_per_paragraph_with_one_speaker():
    text = (
        "“The first part of the speech is here,” said Governor Ana Lopez. “It goes on.\n\n"
        "“And it continues in a second paragraph.\n\n"
        "“It ends in the third.”\n\n"
        "The crowd cheered."
    )
    quotes = extract_quotes(text)
    assert [q.text for q in quotes] == [
        "The first part of the speech is here,",
        "It goes on.",
        "And it continues in a second paragraph.",
        "It ends in the third.",
    ]
    assert {q.speaker for q in quotes} == {"Ana Lopez"}
    assert all(q.kind == "direct" for q in quotes)
    check_offsets(text, quotes)


def test_multi_paragraph_quote_attributed_at_its_end():
    text = "“We came to talk.\n\n“We leave with a deal,” the minister said.\n\nPrime Minister Sara Okafor agreed."
    quotes = extract_quotes(text)
    assert [q.speaker for q in quotes] == ["the minister", "the minister"]


# --- kinds -----------------------------------------------------------------------------------------------------


def test_scare_quotes_are_fragments():
    text = "Raisi described the relations between the two countries as “strategic”."
    quote = only(text)
    assert (quote.text, quote.kind, quote.speaker, quote.cue) == ("strategic", "fragment", "Raisi", "described")


def test_several_quoted_phrases_in_one_sentence_are_fragments_of_its_speaker():
    text = (
        "Iranian President Ebrahim Raisi met Venezuelan leaders. Raisi asserted that the two have a "
        "“strategic relation” with “common interests, views,” and “enemies.”"
    )
    quotes = extract_quotes(text)
    assert [q.kind for q in quotes] == ["fragment"] * 3
    assert {q.speaker for q in quotes} == {"Ebrahim Raisi"}


def test_titles_of_works_are_fragments():
    text = "Her new book, “The Art of Winning Every Single Election,” came out on Monday."
    assert only(text).kind == "fragment"


def test_complement_of_a_reporting_verb_is_direct_even_in_lowercase():
    text = "Khamenei remarked that “the only way to face these pressures is resistance.”"
    quote = only(text)
    assert (quote.kind, quote.speaker, quote.cue) == ("direct", "Khamenei", "remarked")


def test_partial_quote_continued_by_the_writer_is_a_fragment():
    text = "Obama said “it gets me mad” every time he thinks about the victims."
    assert only(text).kind == "fragment"


def test_quote_that_stands_as_its_own_sentence_is_direct():
    text = "The mayor spoke first.\n\n“We will rebuild.”\n\nThen the crowd left."
    assert only(text).kind == "direct"


def test_quote_after_a_colon_is_direct():
    text = "The report ends with a warning: “Nothing will change without money.”"
    assert only(text).kind == "direct"


# --- speakers --------------------------------------------------------------------------------------------------


def test_quote_then_said_name():
    text = "“We will build the bridge this year,” said Mayor Anna Kowalski on Monday."
    quote = only(text)
    assert quote.text == "We will build the bridge this year,"
    assert quote.kind == "direct"
    assert quote.speaker == "Anna Kowalski"
    assert mention(text, quote) == "Mayor Anna Kowalski"
    assert (quote.cue, text[quote.cue_start : quote.cue_end]) == ("said", "said")
    check_offsets(text, [quote])


def test_quote_then_name_said_with_appositive():
    text = "“The deal is done,” Benjamin Rhodes, the deputy national security adviser, said Sunday."
    quote = only(text)
    assert (quote.speaker, mention(text, quote), quote.cue) == ("Benjamin Rhodes", "Benjamin Rhodes", "said")


def test_name_said_colon_quote_and_title_stripped():
    text = 'Iran’s Oil Minister Javad Owji said: "Production will rise."'
    quote = only(text)
    assert quote.text == "Production will rise."
    assert quote.speaker == "Javad Owji"
    assert mention(text, quote) == "Iran’s Oil Minister Javad Owji"
    assert quote.cue == "said"


def test_name_said_that_quote():
    text = "Amir-Abdollahian indicated that “Iran is serious about Latin America.”"
    assert (only(text).speaker, only(text).cue) == ("Amir-Abdollahian", "indicated")


def test_name_added_comma_quote():
    text = "Stressing the need for direct flights, Maduro added, “The two countries have good capacities.”"
    quote = only(text)
    assert (quote.speaker, quote.cue, quote.kind) == ("Maduro", "added", "direct")


def test_name_with_interrupting_phrase_then_verb_then_quote():
    text = "Maduro, addressing the Palestinian issue on Sunday, stressed “the cause is sacred to us.”"
    quote = only(text)
    assert (quote.speaker, quote.cue) == ("Maduro", "stressed")


def test_participle_takes_the_subject_of_the_main_clause():
    text = "On Twitter, Maduro called the visit “productive”, adding, “I am sure our relations will grow.”"
    fragment, direct = extract_quotes(text)
    assert (fragment.kind, fragment.speaker) == ("fragment", "Maduro")
    assert (direct.kind, direct.speaker, direct.cue) == ("direct", "Maduro", "adding")
    assert mention(text, direct) == "Maduro"


def test_coordinated_verb_takes_the_sentence_subject():
    text = "He also praised the stance, and said “your recent positions were brave.” He meant Maduro."
    assert extract_quotes("Ali Khamenei spoke. " + text)[0].speaker == "Ali Khamenei"


def test_speaker_in_the_next_sentence():
    text = "“We will not give up.” Senator Maria Gomez said so on Tuesday in Lima."
    quote = only(text)
    assert (quote.speaker, quote.cue) == ("Maria Gomez", "said")


def test_a_new_sentence_after_a_quote_is_not_its_attribution():
    text = "Tom Reyes said the talks were hard. “We will not give up.” Maria Gomez said the plan would fail."
    quote = only(text)
    assert quote.speaker == "Tom Reyes"  # the follow-on rule, not Gomez's reported speech after it


def test_interrupted_quote_both_parts_attributed():
    text = "“It is a difficult issue,” said the Florida senator, “because it puts two rights in conflict.”"
    first, second = extract_quotes(text)
    assert first.speaker == second.speaker == "the Florida senator"
    assert second.kind == "direct"


def test_pronouns_and_roles_resolve_to_the_named_person():
    text = (
        "Venezuelan President Nicolas Maduro met Iran’s delegation in Caracas. "
        "“The future is ours,” he said. "
        "“We stand together,” the president added."
    )
    first, second = extract_quotes(text)
    assert (first.speaker, mention(text, first)) == ("Nicolas Maduro", "he")
    assert (second.speaker, mention(text, second)) == ("Nicolas Maduro", "the president")


def test_role_with_nationality_picks_the_matching_person():
    text = (
        "Iranian President Ebrahim Raisi met Venezuelan President Nicolas Maduro in Caracas. "
        "“Our ties are strategic,” the Iranian president said."
    )
    assert only(text).speaker == "Ebrahim Raisi"


def test_she_skips_a_man_known_from_his_title():
    text = "Mr. Tom Baker and Ana Ruiz spoke. Mr. Baker left early. “It went well,” she said."
    assert only(text).speaker == "Ana Ruiz"


def test_surname_normalized_to_the_fullest_form_in_the_article():
    text = "“We will expand trade,” Raisi said. Iranian President Ebrahim Raisi arrived in Caracas on Monday."
    assert only(text).speaker == "Ebrahim Raisi"


def test_follow_on_quote_inherits_the_previous_speaker():
    text = (
        "“Iran is a stellar partner,” Nicolás Maduro said on Monday.\n\n"
        "“We will be invincible together.”\n\n"
        "The visit ended on Tuesday."
    )
    first, second = extract_quotes(text)
    assert second.speaker == first.speaker == "Nicolás Maduro"
    assert second.cue is None
    assert mention(text, second) == "Nicolás Maduro"


def test_follow_on_quote_takes_the_latest_reported_speech_subject():
    text = (
        "“Trade is growing,” Raisi said.\n\n"
        "Maduro said the ties would deepen in every field.\n\n"
        "“We are drawing up a detailed roadmap.”"
    )
    assert extract_quotes(text)[1].speaker == "Maduro"


def test_unnameable_speaker_is_not_replaced_by_the_previous_one():
    text = "“A,” Maduro said. “We wrote this letter,” they wrote."
    second = extract_quotes(text)[1]
    assert second.speaker is None
    assert mention(text, second) == "they"


def test_conduit_is_not_the_speaker():
    text = "“I always remember General Soleimani,” Maduro said, according to Fars News."
    quote = only(text)
    assert (quote.speaker, quote.cue) == ("Maduro", "said")


def test_according_to_names_the_speaker_when_nobody_else_does():
    text = "According to the newspaper, “gun laws empower dealers to sell weapons to any adult.”"
    quote = only(text)
    assert (quote.speaker, quote.cue) == ("the newspaper", "According to")


def test_organisations_and_groups_can_speak():
    text = "“Exports rose sharply,” the ministry said. “We disagree,” officials said."
    assert [q.speaker for q in extract_quotes(text)] == ["the ministry", "officials"]


def test_description_with_proper_name_inside():
    text = "“It was very nice,” the gambling tycoon told Reuters in a rare interview."
    quote = only(text)
    assert (quote.speaker, quote.cue, quote.kind) == ("the gambling tycoon", "told", "direct")


def test_party_affiliation_in_parentheses_between_name_and_verb():
    text = "“It’s a dog whistle,” Rep. Gwen Moore (D-Wis.) said Friday."
    assert only(text).speaker == "Gwen Moore"


def test_signature_line_after_a_quote():
    text = "“I am so ashamed of this campaign.” ― Jacklyn Ashley"
    assert only(text).speaker == "Jacklyn Ashley"


def test_transcript_label_names_the_speaker():
    text = 'Chris Wallace interviewed Mike Pence.\n\n"PENCE: Well, look, the question is different."'
    assert only(text).speaker == "Mike Pence"


def test_colon_at_the_end_of_the_previous_paragraph_introduces_the_quote():
    text = "Breitbart News responded:\n\n“The solution is not more gun control.”"
    quote = only(text)
    assert (quote.speaker, quote.cue) == ("Breitbart News", "responded")


def test_dateline_is_not_a_speaker():
    text = "WASHINGTON — “We have to be ready,” said Huma Abedin."
    assert only(text).speaker == "Huma Abedin"


def test_sentence_bounds_cover_the_quote():
    text = "Officials met. “First sentence. Second sentence,” she said. Then they left."
    quote = only(text)
    assert text[quote.sentence_start : quote.sentence_end].startswith("“First sentence.")
    assert quote.sentence_end >= quote.end


def test_no_quotes_in_reported_speech_without_marks():
    assert extract_quotes("Raisi said that trade between Iran and Venezuela rose to $3 billion.") == []


def test_empty_and_blank_text():
    assert extract_quotes("") == []
    assert extract_quotes("  \n\n ") == []
    assert extract_quotes('""  “ ”') == []


def test_closing_mark_without_a_space_after_it():
    text = "“Some of it was divisive,”Clinton said. “It is dangerous.”"
    first, second = extract_quotes(text)
    assert (first.text, first.speaker) == ("Some of it was divisive,", "Clinton")
    assert second.speaker == "Clinton"


def test_inverted_description_prefers_the_name_set_off_after_it():
    text = "“He made his own way,” said his best friend at Lehigh, Bruce Turry, who still lives there."
    assert only(text).speaker == "Bruce Turry"


def test_inverted_description_without_a_name():
    text = "“There is no home-state advantage,” said one unaligned Florida Republican strategist."
    assert only(text).speaker == "one unaligned Florida Republican strategist"


def test_name_after_a_description_before_the_verb():
    text = "“She used to give lectures,” another friend, Mariam Emara, told CNN."
    assert only(text).speaker == "Mariam Emara"


def test_state_abbreviation_inside_an_appositive():
    text = "“I was arrested,” Nicholas Daniloff, now 81 and retired in Cambridge, Mass., said by telephone."
    assert only(text).speaker == "Nicholas Daniloff"


def test_participle_after_a_finite_verb_takes_its_subject():
    text = "Vice President Joe Biden weighed in. “They are qualified,” he said, adding, “She is very much so.”"
    first, second = extract_quotes(text)
    assert mention(text, second) == "he"
    assert second.speaker == first.speaker == "Joe Biden"


def test_unnamed_speaker_carries_to_the_follow_on_quote():
    text = "“These results should make us rethink trade,” they argued. “Nobody anticipated it.”"
    first, second = extract_quotes(text)
    assert first.speaker is second.speaker is None
    assert mention(text, second) == mention(text, first) == "they"


def test_name_right_before_a_colon_in_a_digest_line():
    text = "Pollsters agree - Carl Bialik: “One lesson was simple: keep in contact with voters.”"
    assert only(text).speaker == "Carl Bialik"


def test_documents_and_signs_speak_and_it_refers_back_to_them():
    text = "“Louisiana has long been red,” the newspaper admitted. “But its crisis is a call to act,” it added."
    first, second = extract_quotes(text)
    assert first.speaker == second.speaker == "the newspaper"
    assert mention(text, second) == "it"
    sign = only("Supporters waved banners. “We love you, Arieh,” read one.")
    assert (sign.speaker, sign.cue) == ("one", "read")


def test_a_clause_joined_after_the_quote_is_not_its_attribution():
    text = 'House Speaker Paul Ryan said on Tuesday, "It is easy to be cynical," and many Republicans may agree.'
    assert only(text).speaker == "Paul Ryan"


def test_continued_to_is_not_a_reporting_verb():
    text = "Donald Trump warned that if Pyongyang continued to threaten the U.S., it would “face fire and fury.”"
    quote = only(text)
    assert (quote.kind, quote.speaker, quote.cue) == ("fragment", "Donald Trump", "warned")


def test_heading_in_capitals_is_a_fragment():
    text = "“We will win,” said Stephanie Grisham.\n\n‘PRIVATE ATM MACHINE’\n\nDemocrats disagreed."
    assert [q.kind for q in extract_quotes(text)] == ["direct", "fragment"]


def test_inverted_description_with_lowercase_head():
    text = "“They are fighting for the direction of the party,” said a Sanders ally."
    assert only(text).speaker == "a Sanders ally"


def test_family_noun_gives_a_gender_for_pronouns():
    text = (
        "Anthony Weiner spoke as the episode took a toll on his wife, Huma Abedin, a longtime aide. "
        "“I’m protecting my wife,” he told CNN."
    )
    assert only(text).speaker == "Anthony Weiner"


def test_name_used_as_a_modifier_is_not_the_antecedent():
    text = (
        "Rick Perry spoke in Iowa on Tuesday. He decried the Obama administration’s decision on foreign aid. "
        "“This is an administration at war with people of faith,” he said."
    )
    assert only(text).speaker == "Rick Perry"


# --- held-out news: attribution shapes seen in real copy ------------------------------------------------------


def test_subject_before_the_verb_beats_an_adjunct_after_it():
    text = "Pena Nieto responded a few hours later with his own tweet: “I won’t attend the meeting.”"
    quote = only(text)
    assert (quote.speaker, mention(text, quote), quote.cue) == ("Pena Nieto", "Pena Nieto", "responded")


def test_a_clause_with_a_contraction_between_verb_and_colon_is_not_the_speaker():
    text = "Pena Nieto also said the door wasn’t closed to a meeting: “Mexico reiterates its willingness to talk.”"
    quote = only(text)
    assert quote.speaker == "Pena Nieto"
    assert mention(text, quote) == "Pena Nieto"


def test_show_title_after_said_on_or_told_is_a_fragment():
    text = "“We are going to hold the Senate,” the senator told “Fox News Sunday.” “He is not on the ballot.”"
    first, title, follow = extract_quotes(text)
    assert (first.kind, title.kind, follow.kind) == ("direct", "fragment", "direct")
    text = '"It has merit," Corker said on "Fox News Sunday." Cole said on CNN\'s "State of the Union."'
    assert [q.kind for q in extract_quotes(text)] == ["direct", "fragment", "fragment"]


def test_told_comma_quote_is_still_direct():
    text = "Obama told reporters, “We will not accept it.”"
    assert (only(text).kind, only(text).speaker) == ("direct", "Obama")


def test_a_reporting_word_after_a_possessive_is_not_a_verb():
    text = (
        "The president raged against Jerome Powell for his continued refusal to cut rates, at one point "
        'saying: "Who is our bigger enemy?" In one of his tweets he "hereby ordered" companies to leave.'
    )
    direct, fragment = extract_quotes(text)
    assert (direct.speaker, direct.cue) == ("the president", "saying")
    assert (fragment.speaker, fragment.cue) == (None, None)


def test_a_possessor_is_not_the_subject():
    text = "Trump’s legal team displayed a slide with an assertion: “NONE of the witnesses say so.”"
    quote = only(text)
    assert quote.speaker == "Trump’s legal team"
    text = "Iran’s Javad Zarif said: “We are done.”"
    assert only(text).speaker == "Javad Zarif"


def test_plural_title_and_office_object_are_stripped():
    text = "Former Sens. Joe Lieberman spoke first. “There is a strange disconnect,” said Lieberman."
    assert only(text).speaker == "Joe Lieberman"
    text = "“We’ve heard reports,” Assistant Chief of Police Deanna Nollette said on Wednesday."
    assert only(text).speaker == "Deanna Nollette"
    text = 'Director of National Intelligence James Clapper said the nation would "go to such lengths."'
    assert only(text).speaker == "James Clapper"
    text = "“We are here,” Secretary of State John Kerry said."
    assert only(text).speaker == "John Kerry"


def test_title_word_used_as_a_surname():
    text = "Chattanooga plant worker Justin King says, “Volkswagen will be stronger with the union.”"
    assert only(text).speaker == "Justin King"
    for phrase in ("the Saudi King", "Jordanian King", "Iran’s Supreme Leader", "Crown Prince"):
        assert split_name(tokenize(phrase))[0] == [], phrase  # descriptions, not people named King


def test_the_person_of_a_place_not_the_place():
    text = "“You have to do something,” Rep. Tom Cole of Oklahoma said."
    assert (only(text).speaker, mention(text, only(text))) == ("Tom Cole", "Rep. Tom Cole")
    text = "“It is a disaster,” Senator Armando Rios Piter of the Democratic Revolution Party said."
    assert only(text).speaker == "Armando Rios Piter"
    text = "“We are here,” the president of Iran said."
    assert only(text).speaker != "Iran"
    text = "“We are watching,” the director of National Intelligence says."
    assert only(text).speaker == "director of National Intelligence"


def test_an_organisation_does_not_resolve_to_its_spokesman():
    text = (
        "White House press secretary Jay Carney spoke on Monday. "
        "The White House concedes it’s “unlikely” that Karzai will sign."
    )
    assert only(text).speaker == "White House"


def test_pronoun_prefers_an_earlier_subject_over_an_object():
    text = (
        "Rep. Anthony Weiner spoke on Monday. "
        "The congressman expressed concern about his wife, an aide to Secretary of State Hillary Clinton. "
        "“I’m protecting my wife,” he told CNN."
    )
    assert only(text).speaker == "Anthony Weiner"


def test_name_that_modifies_a_role_is_not_the_antecedent():
    text = "Trump lawyer Jay Sekulow made a bold claim. “Not a single witness testified to it,” he declared."
    assert only(text).speaker == "Jay Sekulow"


def test_partial_quote_with_its_own_verb_hands_on_its_speaker():
    text = (
        "“We have heard reports of extortion,” Chief Deanna Nollette said on Wednesday.\n\n"
        "Rumors that “businesses have been taxed [are] absurd,” said Gilmore, who owns a brewery. "
        "“No one is doing that there.”"
    )
    first, partial, follow = extract_quotes(text)
    assert (partial.kind, partial.speaker) == ("fragment", "Gilmore")
    assert (follow.kind, follow.speaker, follow.cue) == ("direct", "Gilmore", None)


def test_quoted_as_saying_names_the_object_or_the_passive_subject():
    text = "The site quoted Ratcliffe as saying: “There are individuals in prison because I prosecuted them.”"
    quote = only(text)
    assert (quote.speaker, mention(text, quote), quote.cue) == ("Ratcliffe", "Ratcliffe", "saying")
    text = "Officials spoke. Jane Smith was quoted as saying that “the plan will fail.”"
    assert only(text).speaker == "Jane Smith"


def test_the_outlet_that_reported_a_quote_is_a_conduit():
    text = (
        "Vice Premier Liu Wei told a newspaper on Monday that “China is willing to resolve the dispute through "
        "calm negotiations,” Reuters first reported."
    )
    assert (only(text).speaker, only(text).cue) == ("Liu Wei", "told")
    text = "“China is willing to resolve the dispute,” Reuters reported."
    assert only(text).speaker == "Reuters"


def test_advised_is_a_reporting_verb():
    text = "“Many of them have to have off-farm jobs in order to survive,” Perdue advised."
    assert (only(text).speaker, only(text).cue) == ("Perdue", "advised")


def test_a_state_is_not_the_person_a_pronoun_refers_to():
    text = (
        "“It is unconscionable,” Jessica Tramontana, communications director for Progress Michigan, said. "
        "The measure is deceptive, as Michigan and federal law prevent it. "
        "“There’s a lot of misinformation out there,” she added."
    )
    assert extract_quotes(text)[1].speaker == "Jessica Tramontana"


def test_sentence_adverb_before_the_subject_without_a_comma():
    text = (
        "Meanwhile Senator Marco Rubio, a member of the Gang of 8, warned in an op-ed against the bill.\n\n"
        "“Passing a law that only focuses on enforcement leaves us with a problem.”"
    )
    assert only(text).speaker == "Marco Rubio"


def test_pronoun_prefers_the_subject_of_a_reporting_verb():
    text = (
        "Control measures are being implemented, Tom Inglesby tells Axios. "
        "For instance, he says, “We may need a planned collaboration between the public and private sectors.”"
    )
    assert only(text).speaker == "Tom Inglesby"
    text = (
        "Theodore Gurr wrote about it. Restaurant advocate Saru Jayaraman told the Post about the pain. "
        "“Very few restaurant workers had anything at all,” she says."
    )
    assert only(text).speaker == "Saru Jayaraman"


def test_a_contraction_is_not_a_possessor():
    text = "Here's the critic of his day, wringing his hands:\n\n“Are we merely neutral observers of the truth?”"
    assert only(text).speaker != "Here's the"


def _speakers(text: str) -> list[tuple[str | None, str | None]]:
    return [
        (q.speaker, text[q.speaker_start : q.speaker_end] if q.speaker_start is not None else None)
        for q in extract_quotes(text)
    ]


def test_party_and_state_description_resolves_to_the_tagged_lawmaker():
    text = 'Sen. Rob Portman, R-Ohio, spoke on Monday. Sen. Sherrod Brown also attended.\n"We need a deal now," the Ohio Republican said.'
    assert _speakers(text) == [("Rob Portman", "the Ohio Republican")]
    text = 'Rep. Jim Cooper (D-Tenn.) criticized the bill.\n"This is a bad bill," the Tennessee lawmaker said.'
    assert _speakers(text) == [("Jim Cooper", "the Tennessee lawmaker")]


def test_description_right_after_its_subject_resolves_unless_contradicted():
    # the story's elegant variation for the person the sentence before was about (epithet_for_last_subject)
    text = 'Sen. Rob Portman spoke on Monday.\n"We need a deal now," the Ohio Republican said.'
    assert _speakers(text) == [("Rob Portman", "the Ohio Republican")]
    text = 'Minnesota Gov. Mark Dayton signed the bill.\n"What a day," the Democratic governor declared.'
    assert _speakers(text) == [("Mark Dayton", "the Democratic governor")]
    # without a subject the sentence before, or with another party, the description stays
    text = 'Sen. Rob Portman spoke on Monday. It rained.\n"We need a deal now," the Ohio Republican said.'
    assert _speakers(text) == [("the Ohio Republican", "the Ohio Republican")]
    text = 'Sen. Sherrod Brown (D-Ohio) spoke on Monday.\n"We need a deal now," the Ohio Republican said.'
    assert _speakers(text) == [("the Ohio Republican", "the Ohio Republican")]


def test_abbreviated_title_and_leader_support_a_description():
    text = 'Minnesota Gov. Mark Dayton signed the bill.\n"What a day," the Minnesota governor declared.'
    assert _speakers(text) == [("Mark Dayton", "the Minnesota governor")]
    text = 'French President Emmanuel Macron urged leaders to act.\n"We must fight for peace," the French leader said.'
    assert _speakers(text) == [("Emmanuel Macron", "the French leader")]
    text = 'French Foreign Minister Jean Le Drian urged leaders to act.\n"We must fight for peace," the French leader said.'
    assert _speakers(text)[0][0] != "Jean Le Drian"


def test_lowercase_descriptor_before_the_name_after_a_quote():
    text = '"I was in Iraq 18 months. I got hurt," veteran David Soucy told a local NBC affiliate.'
    assert _speakers(text) == [("David Soucy", "David Soucy")]
    text = '"It is worse than we expected," longtime resident Jane Doe told reporters.'
    assert _speakers(text) == [("Jane Doe", "Jane Doe")]
    text = 'Smith spoke. "I got hurt," and then David Soucy told reporters.'
    assert _speakers(text)[0][0] != "David Soucy"


def test_inverted_says_and_prefixed_titles_are_not_part_of_the_name():
    text = 'Fabiola Morales, 39, is a nurse. Says Morales: "We have been waiting for things to change, like the laws."'
    assert _speakers(text) == [("Fabiola Morales", "Morales")]
    text = 'Co-host Joe Scarborough fired back.\n"That is BS," Scarborough replied.'
    assert _speakers(text) == [("Joe Scarborough", "Scarborough")]
    text = 'State Police Maj. Charles Guess spoke.\n"There are a number of factors that make this a complex search," Major Guess said.'
    assert _speakers(text) == [("Charles Guess", "Major Guess")]
    text = '"We lost," said former British Prime Minister John Major.'
    assert _speakers(text) == [("John Major", "former British Prime Minister John Major")]


def test_a_bare_capitalised_title_in_a_headline_is_no_speaker():
    text = (
        "Pentagon 'fairly certain' North Korea has cases | General says Iran threat remains 'very high' after strikes"
    )
    assert [s for s, _ in _speakers(text)] == [None, None]
    text = '"We will win," the general said.'
    assert _speakers(text) == [("the general", "the general")]


def test_a_quoted_title_after_a_preposition_is_nobodys_words():
    text = 'Trump claimed Wednesday on "Hannity." He was angry.'
    assert [(q.text, q.speaker) for q in extract_quotes(text)] == [("Hannity.", None)]
    text = "The Justice Department said he worked with hackers affiliated with groups “LulzSec” and “Anonymous” to target agencies."
    assert [(q.text, q.speaker) for q in extract_quotes(text)] == [("LulzSec", None), ("Anonymous", None)]


def test_a_quoted_nickname_keeps_its_speaker():
    text = "Trump said he would fight “Crooked Hillary” and “Lyin’ Ted” in the fall."
    assert [(q.text, q.speaker) for q in extract_quotes(text)] == [("Crooked Hillary", "Trump"), ("Lyin’ Ted", "Trump")]
    text = "Co-host Joe Scarborough fired back, calling the claim “BS” on air."
    assert [q.speaker for q in extract_quotes(text)] == ["Joe Scarborough"]


def test_a_surname_that_is_also_an_occupation_still_speaks():
    text = "Paul Singer is a donor.\n“There is a feeling among some people,” acknowledged Singer."
    assert [q.speaker for q in extract_quotes(text)] == ["Singer"]


def test_a_pronoun_interrupting_a_phrase_does_not_mean_that_phrase():
    text = "State Sen. Loretta Weinberg wrote to Gov. Chris Christie. The governor, she argued, “either did not tell the truth or did not know.”"
    assert [q.speaker for q in extract_quotes(text)] == ["Loretta Weinberg"]
    text = "Gov. Chris Christie spoke on Monday. The governor said he “did not know about it.”"
    assert [q.speaker for q in extract_quotes(text)] == ["Chris Christie"]


def test_an_office_without_a_word_supported_falls_back_to_its_head():
    text = "Justice Antonin Scalia spoke on Monday.\n“It is not so clear,” the 78-year-old justice said."
    assert [q.speaker for q in extract_quotes(text)] == ["Antonin Scalia"]


def test_an_office_after_the_name_and_a_sentence_initial_and_make_an_antecedent():
    text = (
        '"Job growth is still behind," Chairman Dave Camp said in a statement.\n'
        "And Alan Krueger, chairman of the White House Council of Economic Advisers, stressed that the survey was early.\n"
        '"The Administration continues to urge Congress to move," he said.'
    )
    assert [q.speaker for q in extract_quotes(text)] == ["Dave Camp", "Alan Krueger"]
    text = (
        '"Job growth is still behind," Chairman Dave Camp said in a statement.\n'
        "And the council of Economic Advisers stressed that the survey was early.\n"
        '"The Administration continues to urge Congress to move," he said.'
    )
    assert [q.speaker for q in extract_quotes(text)] == ["Dave Camp", "Dave Camp"]


def test_a_middle_initial_a_is_part_of_the_fullest_name():
    text = (
        'Michael A. Peterson was charged.\n"I did not do it," Peterson said.\n"Never," Michael Peterson told the court.'
    )
    assert _speakers(text) == [("Michael A. Peterson", "Peterson"), ("Michael A. Peterson", "Michael Peterson")]
    text = '"I did not do it," Michael A. Peterson said.'
    assert _speakers(text) == [("Michael A. Peterson", "Michael A. Peterson")]
    text = 'Enraged Trump defends himself. Donald Trump spoke.\n"I did not do it," Trump said.'
    assert _speakers(text) == [("Donald Trump", "Trump")]


def test_a_short_phrase_or_title_after_a_colon_is_no_follow_on():
    text = '"We will fight," Trump said.\nHis new favourite phrase: "presidential harassment."'
    assert [q.speaker for q in extract_quotes(text)] == ["Trump", None]
    text = '"We will fight," Trump said.\nThe book\'s title: "Trump, Inc."'
    assert [q.speaker for q in extract_quotes(text)] == ["Trump", None]


def test_a_statement_after_a_colon_or_alone_still_follows_on():
    text = '"We will fight," Trump said.\n"We will win."'
    assert [q.speaker for q in extract_quotes(text)] == ["Trump", "Trump"]
    text = '"We will fight," Trump said. Then one more line: "We will win in November and we will win big."'
    assert [q.speaker for q in extract_quotes(text)] == ["Trump", "Trump"]


def test_an_inverted_attribution_closing_the_sentence_names_the_speaker():
    text = '"There was no evidence of wrongdoing" in the case, said Jim Jacks, a lawyer.'
    assert _speakers(text) == [("Jim Jacks", "Jim Jacks")]
    text = '"We lost," Smith said. There was "no evidence of wrongdoing" in the case, said Jim Jacks, a lawyer.'
    assert _speakers(text)[1] == ("Jim Jacks", "Jim Jacks")


def test_a_verb_with_its_own_clause_after_the_quote_names_nobody():
    text = '"We lost," Smith said. There was "no evidence of wrongdoing" in the case, said Jim Jacks was wrong.'
    assert _speakers(text)[1][0] is None
    text = '"We lost," Smith said. There was "no evidence of wrongdoing" in the case, saying Jim Jacks was wrong.'
    assert _speakers(text)[1][0] is None


def test_liu_he_is_a_name_not_a_pronoun():
    text = '"Talks went well," said Chinese Vice Premier Liu He.'
    assert _speakers(text) == [("Liu He", "Chinese Vice Premier Liu He")]
    text = 'Chinese Vice Premier Liu He met Lighthizer. "Talks went well," Liu He said.'
    assert _speakers(text) == [("Liu He", "Liu He")]
    text = 'Mike Pompeo spoke. When asked about Liu, He said: "Talks went well."'
    assert _speakers(text) == [("Mike Pompeo", "He")]


def test_a_surname_written_first_expands_to_the_titled_full_name():
    text = 'Chinese Vice Premier Liu He met Lighthizer. "Talks went well," Liu said.'
    assert _speakers(text) == [("Liu He", "Liu")]
    text = 'Chinese President Xi Jinping met Trump. "Talks went well," Xi said.'
    assert _speakers(text) == [("Xi Jinping", "Xi")]
    text = 'Donald Trump met Xi. "Talks went well," Donald said.'
    assert _speakers(text) == [("Donald", "Donald")]


def test_a_committee_before_the_title_and_a_party_tag_after_the_name():
    text = '"Growth is behind," House Ways and Means Chairman Dave Camp, R-Mich., said in a statement.'
    assert [q.speaker for q in extract_quotes(text)] == ["Dave Camp"]
    text = '"Growth is behind," Sen. Rob Portman, R-Ohio, said.'
    assert _speakers(text) == [("Rob Portman", "Sen. Rob Portman")]
    text = '"Growth is behind," In Washington and elsewhere the economists said.'
    assert [q.speaker for q in extract_quotes(text)] != ["Washington"]


def test_a_signature_after_a_double_hyphen_names_the_speaker():
    text = 'Washington Examiner: "What is the meaning of life?"\n\n"I am often asked how you go from Mondale to Fox News." --Charles Krauthammer in his new book.'
    assert _speakers(text) == [
        ("Washington Examiner", "Washington Examiner"),
        ("Charles Krauthammer", "Charles Krauthammer"),
    ]
    text = '"We will win." - Trump said it twice.'
    assert _speakers(text) == [(None, None)]


def test_a_roundup_sign_off_names_every_quotation_of_the_paragraph_above():
    text = (
        "“The deal is dead,” Smith said.\n\n"
        "“Trump’s defenders will say this is circumstantial. But ‘a deal can be implicit.’… ‍ "
        "“There is enough here to support impeachment.”\n\n"
        "Noah Feldman, Bloomberg"
    )
    quotes = [q for q in extract_quotes(text) if q.kind == "direct"]
    assert [q.speaker for q in quotes] == ["Smith", "Noah Feldman", "Noah Feldman"]
    assert all("sign_off_line" in q.trace for q in quotes[1:])


def test_a_name_line_after_a_quote_the_writer_attributed_is_no_sign_off():
    text = "“We will win,” he said to the crowd.\n\nNoah Feldman, Bloomberg"
    assert [q.speaker for q in extract_quotes(text)] == [None]

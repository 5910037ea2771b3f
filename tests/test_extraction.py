"""Each extraction step on tiny real-looking strings: names, acronyms, mentions, roles, resolution."""

from __future__ import annotations

import pytest

from graph.acronyms import find_acronym_pairs
from graph.kb import KBEntry, KnowledgeBase
from graph.mentions import find_mentions
from graph.names import looks_like_name, name_key
from graph.pipeline import extract, make_pipeline
from graph.records import Paper, Source
from graph.resolve import resolve


def paper(title: str, abstract: str, key: str = "p1") -> Paper:
    return Paper(key=key, title=title, abstract=abstract, sources=(Source("test", 1),))


def mentions_of(text_paper: Paper, kb):
    text = text_paper.text
    nlp = make_pipeline()
    doc = nlp.make_doc(text)
    for _, proc in nlp.pipeline[:-1]:
        doc = proc(doc)
    sentences = [(s.start_char, s.end_char) for s in doc.sents]
    return find_mentions(text_paper.key, text, sentences, kb, title_end=len(text_paper.title))


def by_text(mentions):
    return {m.text: m for m in mentions}


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("LLaMA-2", "Llama 2", True),
        ("Llama-2", "llama 2", True),
        ("GPT-4", "GPT-4o", False),
        ("HumanEval", "HumanEval+", False),
        ("Llama 2", "Llama 3", False),
    ],
)
def test_spelling_variants_share_a_key_and_different_things_do_not(a, b, same):
    assert (name_key(a) == name_key(b)) is same


def test_acronym_pairs_give_long_and_short_form():
    pairs = find_acronym_pairs("We introduce SEnsitive Neuron Dropout (SeND), a novel training protocol.")
    assert [(p.long, p.short) for p in pairs] == [("SEnsitive Neuron Dropout", "SeND")]


@pytest.mark.parametrize("word", ["PLANSEARCH", "LiveCodeBench", "TransNormerLLM", "CE-CoLLM", "HumanEval+", "Qwen2.5"])
def test_coined_names_look_like_names(word):
    assert looks_like_name(word)


@pytest.mark.parametrize("word", ["model", "The", "benchmark", "70M-12B", "https://github.com/a/B"])
def test_ordinary_words_do_not(word):
    assert not looks_like_name(word)


def test_known_names_are_matched_with_their_type(tiny_kb):
    found = by_text(mentions_of(paper("A study", "We compare GPT-4 and GPT-4o with LLaMA-2 on HumanEval+."), tiny_kb))
    assert found["GPT-4"].kb_key == "gpt-4" and found["GPT-4o"].kb_key == "gpt-4o"
    assert found["LLaMA-2"].kb_key == "llama-2"
    assert found["HumanEval+"].kb_key == "humaneval-plus"


def test_case_sensitive_names_need_their_spelling(tiny_kb):
    found = by_text(mentions_of(paper("A study", "We solve math word problems and report results on MATH."), tiny_kb))
    assert "MATH" in found and "math" not in found


def test_sized_variants_point_to_their_family(tiny_kb):
    found = by_text(mentions_of(paper("A study", "We fine-tune Llama-2-7B and a GPT-4-based judge."), tiny_kb))
    assert found["Llama-2-7B"].variant_of == "llama-2"
    assert found["GPT-4"].kb_key == "gpt-4"


def test_generic_acronyms_are_not_entities(tiny_kb):
    found = by_text(mentions_of(paper("A study", "Large language models (LLMs) on a GPU beat SOTA NLP APIs."), tiny_kb))
    assert not {"LLMs", "GPU", "SOTA", "NLP", "APIs"} & set(found)


def test_title_name_and_we_introduce_are_proposals(tiny_kb):
    found = mentions_of(
        paper(
            "PyBench: Evaluating LLM Agent on various real-world coding tasks",
            "To address this gap, we introduce PyBench, a benchmark encompassing five categories. "
            "Our fine-tuned model PyLlama3 achieves strong results on PyBench and GSM8K.",
        ),
        tiny_kb,
    )
    roles = {(m.text, m.role) for m in found}
    assert ("PyBench", "proposes") in roles
    assert ("GSM8K", "evaluatesOn") in roles
    assert next(m for m in found if m.text == "PyBench").type == "Benchmark"


def test_long_form_acronym_is_one_mention(tiny_kb):
    found = mentions_of(paper("A study", "We propose the Hierarchical Memory Transformer (HMT), a novel framework."), tiny_kb)
    hmt = next(m for m in found if m.text == "HMT")
    assert hmt.long_form == "Hierarchical Memory Transformer" and hmt.role == "proposes"
    assert not any(m.text.startswith("Hierarchical") for m in found)
    text = "A metric combines IoU with Average Hausdorff Distance (AHD) for contour fidelity."
    assert {m.text: m.type for m in mentions_of(paper("A study", text), tiny_kb)}["AHD"] == "Metric"  # a distance measures


def test_every_mention_keeps_its_sentence_and_offsets(tiny_kb):
    p = paper("A study", "First sentence here. Results on GSM8K improve.")
    m = next(m for m in mentions_of(p, tiny_kb) if m.text == "GSM8K")
    assert p.text[m.start : m.end] == "GSM8K"
    assert m.sentence == "Results on GSM8K improve."
    assert p.text[m.sent_start :].startswith(m.sentence)


def test_resolution_merges_spellings_and_acronyms_across_papers(tiny_kb):
    papers = [
        paper("A study", "We evaluate LLaMA-2 and Llama 2 with Sensitive Neuron Dropout (SeND).", "p1"),
        paper("Another", "SeND helps Llama-2 on GSM8K, unlike Sensitive Neuron Dropout variants.", "p2"),
    ]
    resolved = resolve(_extract(papers, tiny_kb), tiny_kb)
    by_label = {e.label: e for e in resolved.entities.values()}
    assert "Llama 2" in by_label and "SeND" in by_label
    assert "Sensitive Neuron Dropout" in by_label["SeND"].aliases
    send_papers = {link.paper for link in resolved.links if link.entity == by_label["SeND"].key}
    assert send_papers == {"p1", "p2"}
    assert by_label["Llama 2"].developed_by == "meta"


def test_one_short_form_coined_for_two_things_is_two_nodes(tiny_kb):
    papers = [
        paper("A study", "We introduce Deep Spectral Prior (DSP), a formulation. DSP helps.", "p1"),
        paper("Another", "We propose Dynamic Speculative Planning (DSP), an agent method.", "p2"),
        paper("A third", "We use Deep Spectral Priors (DSP) here.", "p3"),
    ]
    resolved = resolve(_extract(papers, tiny_kb), tiny_kb)
    nodes = {link.paper: link.entity for link in resolved.links if resolved.entities[link.entity].label == "DSP"}
    assert nodes["p1"] == nodes["p3"] != nodes["p2"]
    assert "Dynamic Speculative Planning" in resolved.entities[nodes["p2"]].aliases


def test_a_plural_in_lower_case_s_is_its_singular_and_a_capital_s_is_a_letter(tiny_kb):
    papers = [
        paper("A study", "We propose LightHGNN, a graph model. TAG guides attention.", "p1"),
        paper("Another", "LightHGNNs are fast. We introduce TAGS, a tagging method.", "p2"),
    ]
    resolved = resolve(_extract(papers, tiny_kb), tiny_kb)
    nodes = {(link.paper, resolved.entities[link.entity].label): link.entity for link in resolved.links}
    assert nodes[("p1", "LightHGNN")] == nodes[("p2", "LightHGNN")]
    assert nodes[("p1", "TAG")] != nodes[("p2", "TAGS")]


def test_a_measure_s_bare_acronym_is_the_known_measure_it_spells():
    kb = KnowledgeBase([KBEntry("mean-absolute-error", "mean absolute error", "Metric"),
                        KBEntry("gemini-robotics-er", "Gemini Robotics-ER", "Model")])
    text = "We achieve MAE of 48.9 on the test split. Our GRE model is fast."
    found = {m.text: (m.kb_key, m.type) for m in mentions_of(paper("A study", text), kb)}
    assert found["MAE"] == ("mean-absolute-error", "Metric")
    assert found.get("GRE", (None,))[0] is None  # a model's letters may be the paper's own coinage


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        (  # a guess from an evaluation place yields to the name's other mentions
            "SWIFT: A Scalable Infrastructure",
            "We develop SWIFT, a one-stop infrastructure for large models. SWIFT integrates inference. Results on "
            "ToolBench improve when training with a customized dataset on SWIFT. Results on XBench improve too.",
            {"SWIFT": "Method", "XBench": "Benchmark"},
        ),
        (  # a guess from the form ("-Coder") yields to what the text says; a size in billions decides
            "MFTCoder: Boosting Code LLMs with Multitask Fine-Tuning",
            "We present a multi-task fine-tuning framework, MFTcoder, that enables parallel fine-tuning. "
            "We train ReVPT-7B with it. MFTCoder is open-sourced.",
            {"MFTCoder": "Method", "ReVPT-7B": "Model"},
        ),
    ],
)
def test_a_guessed_type_counts_only_where_nothing_types_the_name(tiny_kb, title, text, expected):
    resolved = resolve(_extract([paper(title, text)], tiny_kb), tiny_kb)
    types = {e.label: e.type for e in resolved.entities.values()}
    assert {label: types[label] for label in expected} == expected


def test_maker_named_before_model_gives_developed_by():
    kb = KnowledgeBase([KBEntry("codex", "Codex", "Model"), KBEntry("openai", "OpenAI", "Organization")])
    resolved = resolve(_extract([paper("Evaluation of OpenAI Codex", "We test OpenAI Codex on kernels.")], kb), kb)
    assert resolved.entities["codex"].developed_by == "openai"


def test_one_link_per_paper_and_entity_with_the_strongest_role(tiny_kb):
    p = paper("PyBench: Evaluating agents", "We introduce PyBench. Models struggle on PyBench, and results on PyBench differ.")
    resolved = resolve(_extract([p], tiny_kb), tiny_kb)
    links = [link for link in resolved.links if resolved.entities[link.entity].label == "PyBench"]
    assert len(links) == 1 and links[0].role == "proposes"
    assert len(links[0].evidence) >= 3 and 0 < links[0].confidence < 1


def _extract(papers, kb):
    nlp = make_pipeline()
    nlp.get_pipe("paperkg_mentions").kb = kb
    return list(extract(papers, nlp))


def test_stated_results_become_results_with_proportions(tiny_kb):
    from graph.kb import KBEntry, KnowledgeBase

    kb = KnowledgeBase([*tiny_kb.entries.values(), KBEntry("livecodebench", "LiveCodeBench", "Benchmark"),
                        KBEntry("pass-at-200", "pass@200", "Metric")])
    p = paper("Planning In Natural Language", "We propose PLANSEARCH, a novel search algorithm. "
              "PLANSEARCH achieves a pass@200 of 77.0% on LiveCodeBench, an absolute improvement of 3.5%.")
    resolved = resolve(_extract([p], kb), kb)
    assert [(r.entity, r.benchmark, r.metric, r.value) for r in resolved.results] == [
        ("plansearch", "livecodebench", "pass-at-200", 0.77)
    ]


def test_a_benchmark_with_a_stated_score_is_evaluated_on(tiny_kb):
    from graph.kb import KBEntry, KnowledgeBase

    kb = KnowledgeBase([*tiny_kb.entries.values(), KBEntry("adience", "Adience", "Dataset")])
    p = paper("Ordinal Adaptive Correction", "On the Adience dataset with 40% noise, ORDAC reduced the error to 0.62.")
    roles = {link.entity: link.role for link in resolve(_extract([p], kb), kb).links}
    assert roles["adience"] == "evaluatesOn"


def test_makers_from_the_text_in_every_form():
    kb = KnowledgeBase([KBEntry("qwen2-5", "Qwen2.5", "Model"), KBEntry("alibaba", "Alibaba", "Organization"),
                        KBEntry("gpt-4", "GPT-4", "Model"), KBEntry("openai", "OpenAI", "Organization")])
    resolved = resolve(_extract([paper("A study", "We compare Alibaba's Qwen2.5 with GPT-4 by OpenAI.")], kb), kb)
    assert resolved.entities["qwen2-5"].developed_by == "alibaba"
    assert resolved.entities["gpt-4"].developed_by == "openai"


def test_topics_from_the_vocabulary_are_task_nodes_never_proposed(tiny_kb):
    p = paper("CodeT: Code Generation with Generated Tests", "We propose CodeT for program synthesis.")
    resolved = resolve(_extract([p], tiny_kb), tiny_kb)
    task = next(e for e in resolved.entities.values() if e.type == "Task")
    assert task.label == "code generation" and "program synthesis" in task.aliases
    assert {link.role for link in resolved.links if link.entity == task.key} == {"uses"}


def test_generic_long_forms_keep_their_acronym_generic_in_the_whole_paper(tiny_kb):
    p = paper("A study", "Detecting out-of-distribution (OOD) inputs is hard. Our detector flags OOD samples on GSM8K.")
    assert "OOD" not in {m.text for m in mentions_of(p, tiny_kb)}


def test_a_proposal_sentence_names_title_case_phrases_and_lists(tiny_kb):
    found = mentions_of(paper("A study", "We introduce Throttling Gates and Reasoning Gates, two defences."), tiny_kb)
    assert {(m.text, m.role) for m in found} >= {("Throttling Gates", "proposes"), ("Reasoning Gates", "proposes")}
    found = mentions_of(paper("A study", "Finally, we propose ID-Aware Spatiotemporal Guidance Enhancement, using gradients."), tiny_kb)
    assert ("ID-Aware Spatiotemporal Guidance Enhancement", "proposes") in {(m.text, m.role) for m in found}


def test_acronyms_a_proposal_sentence_defines_are_proposed_however_far_from_the_verb(tiny_kb):
    text = ("We introduce DynaMind, a novel framework that reconstructs video by jointly modeling neural dynamics and "
            "semantic features via three core modules: a Regional-aware Semantic Mapper (RSM) and a Dual-Guidance "
            "Video Reconstructor (DGVR).")
    roles = {m.text: m.role for m in mentions_of(paper("A study", text), tiny_kb)}
    assert roles["RSM"] == roles["DGVR"] == "proposes"


def test_a_coined_name_called_novel_is_proposed_and_known_ones_are_not(tiny_kb):
    text = "It has (2) novel Aspect Matching Score (AMS): a metric, and a new state of the art on GSM8K."
    roles = {m.text: m.role for m in mentions_of(paper("A study", text), tiny_kb)}
    assert roles["AMS"] == "proposes" and roles["GSM8K"] != "proposes"


def test_coined_extensions_of_the_papers_own_name_are_its_own_too(tiny_kb):
    p = paper("Learning to edit", "We introduce Draw-In-Mind (DIM), a dataset. It has subsets DIM-T2I and DIM-Edit. "
              "Trained on it, DIM-4.6B-Edit is strong.")
    resolved = resolve(_extract([p], tiny_kb), tiny_kb)
    roles = {resolved.entities[link.entity].label: link.role for link in resolved.links}
    assert roles["DIM-T2I"] == roles["DIM-Edit"] == roles["DIM-4.6B-Edit"] == "proposes"
    subset = next(e for e in resolved.entities.values() if e.label == "DIM-T2I")
    assert (subset.type, resolved.entities[subset.variant_of].label) == ("Dataset", "DIM")  # untyped, it is what it extends


def test_a_possessive_after_a_version_number_keeps_the_name_whole(tiny_kb):
    found = mentions_of(paper("A study", "We show that Llama 2's perplexity drops."), tiny_kb)
    assert [m.text for m in found if m.type == "Model"] == ["Llama 2"]


def test_an_acronym_for_a_task_is_no_name_unless_the_paper_proposes_it(tiny_kb):
    text = "Existing Low-light Image Enhancement (LIE) methods fail. We propose Burst Order Enhancement (BOE), a method."
    found = {m.text for m in mentions_of(paper("A study", text), tiny_kb)}
    assert "LIE" not in found and "BOE" in found


def test_later_bare_uses_of_an_acronym_defined_for_a_known_name_are_that_name():
    kb = KnowledgeBase([KBEntry("cfg", "Classifier-Free Guidance", "Method")])
    text = "Tricks help, e.g. Classifier-Free Guidance (CFG). We present findings: the scale of CFG matters."
    found = [(m.text, m.kb_key, m.role) for m in mentions_of(paper("A study", text), kb)]
    assert found == [("CFG", "cfg", "uses"), ("CFG", "cfg", "uses")]


def test_a_proposed_title_case_name_may_hold_a_generic_word_but_not_be_one(tiny_kb):
    found = {m.text: m.role for m in mentions_of(paper("A study", "This paper introduces Influence Distillation, a "
                                                       "framework. We propose Large Language Models for X."), tiny_kb)}
    assert found.get("Influence Distillation") == "proposes" and "Large Language Models" not in found


def test_our_method_introduces_is_a_proposal(tiny_kb):
    text = "Our method introduces two contributions: a scheme, and a Burst-Order Selective Scan (BOSS) mechanism."
    assert {m.text: m.role for m in mentions_of(paper("A study", text), tiny_kb)}["BOSS"] == "proposes"


def test_title_case_names_of_a_kind_are_benchmarks_and_datasets(tiny_kb):
    text = ("Our system won the AIM 2025 Low-light RAW Video Denoising Challenge. Experiments on the Pavia University "
            "dataset show gains. One challenge remains.")
    found = {m.text: (m.type, m.role) for m in mentions_of(paper("A study", text), tiny_kb)}
    assert found["AIM 2025 Low-light RAW Video Denoising Challenge"][0] == "Benchmark"
    assert found["Pavia University"] == ("Dataset", "evaluatesOn") and "One" not in found


def test_a_title_name_takes_its_type_from_the_subtitle(tiny_kb):
    found = mentions_of(paper("Anveshana: A New Benchmark Dataset for Cross-Lingual Retrieval", "We study it."), tiny_kb)
    assert [(m.text, m.type, m.role) for m in found if m.rule == "title"] == [("Anveshana", "Dataset", "proposes")]
    found = mentions_of(paper("Dream-Coder 7B: An Open Diffusion Model", "Dream-Coder 7B attains 21.4% on HumanEval."), tiny_kb)
    assert {(m.text, m.type) for m in found if m.rule == "title"} == {("Dream-Coder 7B", "Model")}  # a name with its size
    found = mentions_of(paper("Hogwild! Inference: Parallel LLM Generation", "We implement it via Hogwild! Inference."), tiny_kb)
    assert [m.text for m in found if m.rule == "title"] == ["Hogwild! Inference"]  # a title is one sentence
    found = mentions_of(paper("Octopus v4: Graph of language models", "Octopus v4 routes queries."), tiny_kb)
    assert [(m.text, m.rule) for m in found] == [("Octopus v4", "title"), ("Octopus v4", "title")]  # or its version
    found = mentions_of(paper("A study", "ProSper is a python library containing sparse coding algorithms."), tiny_kb)
    assert [(m.text, m.role) for m in found] == [("ProSper", "proposes")]  # the abstract says what its own thing is
    found = mentions_of(paper("ProSper -- A Python Library for Sparse Coding", "ProSper contains algorithms."), tiny_kb)
    assert [(m.text, m.type, m.role) for m in found if m.rule == "title"] == [("ProSper", "Method", "proposes")]  # a dash as colon
    text = "We introduce InstructCoder, the first dataset designed to adapt LLMs for code editing."
    found = mentions_of(paper("InstructCoder: Empowering Language Models for Code Editing", text), tiny_kb)
    assert {m.type for m in found if m.text == "InstructCoder"} == {"Dataset"}  # what the abstract says, over the "-Coder" form


def test_the_tuned_release_of_the_title_s_sized_model_is_its_variant_and_holds_its_score(tiny_kb):
    text = "We present Dream-Coder 7B. The resulting Dream-Coder 7B Instruct attains 21.4% pass@1 on HumanEval."
    resolved = resolve(_extract([paper("Dream-Coder 7B: An Open Diffusion Model", text)], tiny_kb), tiny_kb)
    labels = {key: entity.label for key, entity in resolved.entities.items()}
    instruct = next(e for e in resolved.entities.values() if e.label == "Dream-Coder 7B Instruct")
    assert labels[instruct.variant_of] == "Dream-Coder 7B"
    assert [(labels[r.entity], labels[r.benchmark], r.value) for r in resolved.results] == [("Dream-Coder 7B Instruct", "HumanEval", 0.214)]


@pytest.mark.parametrize(
    ("known", "text", "expected"),
    [
        (  # no value from a version inside a name; listed gains stay gains; a score of nobody is left out
            [("cv-bench", "CV-Bench", "Benchmark"), ("mt-bench", "MT-Bench", "Benchmark"),
             ("claude-2-1", "Claude 2.1", "Model"), ("gpt-4", "GPT-4", "Model")],
            "We judge on MT-Bench with Claude 2.1. GPT-4 and Claude 2.1 gain by 9.03% and 9.44% on CV-Bench. "
            "A score of 83.8% on CV-Bench was reported. GPT-4 reaches 61.5% on CV-Bench.",
            [("gpt-4", "cv-bench", 0.615)],
        ),
        (  # "gains of" and data shares are no scores; "only X% on" is one; IoU is a proportion
            [("refcoco", "RefCOCO", "Benchmark"), ("cityscapes", "Cityscapes", "Benchmark"),
             ("miou", "mIoU", "Metric"), ("vit", "ViT", "Model")],
            "ViT shows accuracy gains of 4.4% on RefCOCO and +8.9% on 1% RefCOCO. "
            "ViT reaches 87.4 mIoU on Cityscapes, and only 61.0% on RefCOCO.",
            [("vit", "cityscapes", 0.874), ("vit", "refcoco", 0.61)],
        ),
        (  # a bare score with no metric reads as a percentage; a size is no score; a benchmark does not score itself
            [("mmmu", "MMMU", "Benchmark"), ("ct-3m", "CT-3M", "Dataset"), ("llava", "LLaVA", "Model"),
             ("optmath", "OptMATH", "Benchmark")],
            "LLaVA achieves 71.9 on MMMU. We pretrain LLaVA on CT-3M, a collection of 3.87M CT slices. "
            "OptMATH is hard: OptMATH reaches 50.5% on OptMATH.",
            [("llava", "mmmu", 0.719)],
        ),
    ],
)
def test_results_are_absolute_scores_of_a_named_system(known, text, expected):
    kb = KnowledgeBase([KBEntry(*entry) for entry in known])
    resolved = resolve(_extract([paper("A study", text)], kb), kb)
    assert [(r.entity, r.benchmark, r.value) for r in resolved.results] == expected


def test_a_name_its_link_writes_in_lower_case_is_still_a_name_that_resolves_issues():
    text = ("Our system, named CodeMonkeys, edits code. Overall, CodeMonkeys resolves 57.4% of issues from SWE-bench "
            "Verified. We release our code at https://scalingintelligence.stanford.edu/pubs/codemonkeys.")
    known = [("swe-bench-verified", "SWE-bench Verified", "Benchmark")]
    assert _results_of("CodeMonkeys: Scaling Test-Time Compute", text, known) == [("CodeMonkeys", "SWE-bench Verified", 0.574)]


def _results_of(title, text, known):
    kb = KnowledgeBase([KBEntry(*entry) for entry in known], generic=["SOTA"])
    resolved = resolve(_extract([paper(title, text)], kb), kb)
    label = {key: entity.label for key, entity in resolved.entities.items()}
    return [(label[r.entity], label[r.benchmark], r.value) for r in resolved.results]


def test_a_list_of_scores_is_on_its_benchmark_or_pairs_with_a_list_of_them_and_the_proposed_method_is_the_paper_s_own():
    known = [("ade20k", "ADE20K", "Benchmark"), ("coco", "COCO", "Benchmark"), ("adamw", "AdamW", "Method"), ("map", "mAP", "Metric"),
             ("cityscapes", "Cityscapes", "Benchmark"), ("vistas", "Mapillary Vistas", "Benchmark"), ("miou", "mIoU", "Metric")]
    text = ("It reaches $27.2$ PQ, $17.0$ mAP, and $35.3$ mIoU on ADE20K. On COCO, the proposed method achieves 82% AP "
            "and 77% AR. Training on COCO uses AdamW with a learning rate of 0.001. It attains $56.2$, $28.2$ and $15.4$ "
            "mIoU on Cityscapes, Mapillary Vistas and PC-459, and 24.2% on ADE20K and 68.7% on COCO. We reach MAE of 48.9 and "
            "5.9 in Part A and Part B datasets, respectively.")
    assert _results_of("DeltaSeg: Fast Segmentation", text, known) == [
        ("DeltaSeg", "ADE20K", 0.272), ("DeltaSeg", "ADE20K", 0.17), ("DeltaSeg", "ADE20K", 0.353),
        ("DeltaSeg", "COCO", 0.82), ("DeltaSeg", "COCO", 0.77),
        ("DeltaSeg", "Cityscapes", 0.562), ("DeltaSeg", "Mapillary Vistas", 0.282), ("DeltaSeg", "PC-459", 0.154),
        ("DeltaSeg", "ADE20K", 0.242), ("DeltaSeg", "COCO", 0.687),
    ]


def test_a_score_can_be_on_the_benchmark_of_the_sentence_before_or_of_a_benchmark_paper():
    known = [("scut", "SCUT-FBP5500", "Benchmark"), ("gpt-4o", "GPT-4o", "Model"), ("claude", "Claude", "Model")]
    text = "Experiments on SCUT-FBP5500 show gains. MambaFace achieves a PC of 0.9187 and an MAE of 0.2022."
    assert _results_of("A study", text, known) == [("MambaFace", "SCUT-FBP5500", 0.9187), ("MambaFace", "SCUT-FBP5500", 0.2022)]
    text = ("We test ten models. In reasoning, GPT-4o (63.18) leads, and Claude (61.5) trails; 12.5 points separate them. "
            "Claude achieves only a 0.0% success rate with tools. The best GPT-4o agent reaches a success rate of 10.59%. "
            "We also release FinBench-2403. The highest Pass@1 of Claude only is 20.73%. The best model (GPT-4o) solves "
            "only 16.3% of the set, on 30% of the data.")
    assert _results_of("FinBench: A Benchmark for Finance", text, known) == [
        ("GPT-4o", "FinBench", 0.6318), ("Claude", "FinBench", 0.615), ("Claude", "FinBench", 0.0), ("GPT-4o", "FinBench", 0.1059),
        ("Claude", "FinBench", 0.2073), ("GPT-4o", "FinBench", 0.163),
    ]


def test_a_score_behind_a_name_s_performance_in_a_slashed_group_or_reached_by_a_name_is_that_name_s():
    known = [("he", "HumanEval", "Benchmark"), ("gpt-4", "GPT-4", "Model"), ("o1-mini", "o1-mini", "Model"), ("ug", "UGMathBench", "Benchmark")]
    text = ("Our CodeFuse-34B achieves a pass@1 of 74.4% on HumanEval, surpassing GPT-4 performance (67%, zero-shot). "
            "On UGMathBench, the highest accuracy achieved is 56.3% by o1-mini. On HumanEval, CodeFuse-34B achieves a "
            "performance of (23.3/19.0), surpassing GPT-4 (13.3/10.5).")
    assert _results_of("A study", text, known) == [
        ("CodeFuse-34B", "HumanEval", 0.744), ("GPT-4", "HumanEval", 0.67), ("o1-mini", "UGMathBench", 0.563),
        ("CodeFuse-34B", "HumanEval", 0.233), ("CodeFuse-34B", "HumanEval", 0.19), ("GPT-4", "HumanEval", 0.133), ("GPT-4", "HumanEval", 0.105),
    ]


def test_a_score_advancing_a_previous_system_is_the_subject_s_and_fid_scores_keep_their_scale():
    known = [("edm", "EDM", "Method"), ("cifar", "CIFAR-10", "Dataset"), ("fid", "FID", "Metric")]
    text = ("Experiments show DDO significantly advancing the previous SOTA diffusion model EDM, reducing FID scores "
            "from 1.79 to new records of 1.30 on CIFAR-10.")
    assert _results_of("A study", text, known) == [("DDO", "CIFAR-10", 1.3)]


def test_a_margin_and_a_release_number_are_no_scores_and_the_group_a_subject_leads_is_not_the_scorer():
    known = [("b2d", "Bench2Drive", "Benchmark"), ("semeval", "SemEval", "Benchmark"), ("l3", "Llama-3-8B", "Model"),
             ("ae", "AlpacaEval 2.0", "Benchmark")]
    text = ("ReasonPlan outperforms the mainstream imitation method by a large margin of 19% L2 and 16.1 driving score on "
            "Bench2Drive. We validate it on SemEval Memotion 1.0 with gains. BPO achieves state-of-the-art performance "
            "among Llama-3-8B backbones, with a 55.9% win rate on AlpacaEval 2.0.")
    assert _results_of("A study", text, known) == [("BPO", "AlpacaEval 2.0", 0.559)]
    text = "BPO boosts Llama-3-8B accuracy by 13.8% on AlpacaEval 2.0, and improves a vanilla 7B model from 14.1% to 23.9%."
    assert _results_of("A study", text, known) == []  # the vanilla model's, whom the sentence does not name


def test_a_score_named_without_a_benchmark_is_on_the_one_benchmark_the_paper_evaluates_on_and_a_spread_is_none():
    known = [("verilogeval", "VerilogEval", "Benchmark"), ("llama", "Llama 3.1 405B", "Model"), ("dice", "Dice", "Metric")]
    text = ("We evaluate models on VerilogEval. We find that Llama 3.1 405B achieves a pass rate of 58%. "
            "With tools, Llama 3.1 405B achieves a mean test Dice of 28.5 with a standard deviation of 21.27.")
    assert _results_of("Revisiting Code Benchmarks", text, known) == [
        ("Llama 3.1 405B", "VerilogEval", 0.58), ("Llama 3.1 405B", "VerilogEval", 0.285),
    ]


def test_a_score_is_the_system_s_own_not_its_base_s_nor_a_compared_one_and_measures_keep_their_scale():
    known = [("claude", "Claude 3.5 Sonnet", "Model"), ("lcb", "LiveCodeBench", "Benchmark"), ("gpt-2", "GPT-2", "Model"),
             ("wikitext", "WikiText103", "Benchmark"), ("lambada", "LAMBADA", "Benchmark"), ("cifar", "CIFAR-10", "Benchmark"),
             ("perplexity", "perplexity", "Metric"), ("fid", "FID", "Metric")]
    text = ("Using PlanSearch on top of Claude 3.5 Sonnet achieves a pass@200 of 77.0% on LiveCodeBench. "
            "GPT-2 achieves SOTA results on WikiText103 (10.8 compared to SOTA perplexity of 15.8) and LAMBADA (66.5%). "
            "GPT-2 reaches FID scores of 1.91/2.43 on CIFAR-10/LAMBADA. On LAMBADA, GPT-2 shows improvements ranging from 18.1% to 250% "
            "and a 5.9% performance improvement. On LiveCodeBench, PlanSearch reaches 80.1%, outperforming the best score "
            "without search (41.4%) and Claude 3.5 Sonnet (60.6%). ReasonKE elevates GPT-2's accuracy to 90.2% on LAMBADA.")
    assert _results_of("A study", text, known) == [
        ("PlanSearch", "LiveCodeBench", 0.77), ("GPT-2", "WikiText103", 10.8), ("GPT-2", "LAMBADA", 0.665), ("GPT-2", "CIFAR-10", 1.91),
        ("GPT-2", "LAMBADA", 2.43),
        ("PlanSearch", "LiveCodeBench", 0.801), ("Claude 3.5 Sonnet", "LiveCodeBench", 0.606), ("ReasonKE", "LAMBADA", 0.902),
    ]


def test_the_title_s_plain_word_name_is_named_again_in_the_abstract_with_its_points_out_of_a_maximum():
    text = "We build an agent. In IPhO 2025 theory problems, Physics Supernova attains 23.5/30 points."
    assert _results_of("Physics Supernova: AI Agent Matches Gold Medalists", text, []) == [("Physics Supernova", "IPhO 2025", 23.5)]


def test_types_from_a_quoted_list_s_head_noun_and_from_a_kind_word_before_called(tiny_kb):
    text = ('We release "OpenBezo-SFT", "OpenBezo-DPO" checkpoints. Our model -- called SciTulu -- improves. '
            "We build a datastore named MassiveDS.")
    found = {m.text: m.type for m in mentions_of(paper("A study", text), tiny_kb)}
    assert found["OpenBezo-SFT"] == found["OpenBezo-DPO"] == found["SciTulu"] == "Model" and found["MassiveDS"] == "Dataset"


def test_a_survey_s_title_head_is_its_topic_not_its_proposal(tiny_kb):
    text = "Multi-Party Conversational Agents are studied widely. We review 120 papers."
    found = {m.text for m in mentions_of(paper("Multi-Party Conversational Agents: A Survey", text), tiny_kb)}
    assert "Multi-Party Conversational Agents" not in found
    found = {m.text for m in mentions_of(paper("Multi-Party Conversational Agents: Talking at Scale", text), tiny_kb)}
    assert "Multi-Party Conversational Agents" in found


def test_pun_titles_stylised_words_and_en_dash_compounds_name_nothing(tiny_kb):
    found = {m.text for m in mentions_of(paper("It's High Time: Rethinking X", "GUARDing models with an "
                                               "LLM-based–to-SQL tool."), tiny_kb)}
    assert not found & {"It's High Time", "GUARDing", "LLM-based–to-SQL", "LLM-based"}
    text = ("We learn a length-invariant pattern to reduce harms. A Length-INvariant encoder finds each patTERn and "
            "lowers hARMs; LLaMA helps.")
    found = {m.text for m in mentions_of(paper("A study", text), tiny_kb)}
    assert not found & {"Length-INvariant", "patTERn", "hARMs"}  # ordinary words of the paper, capitalised for letters


def test_an_acronym_the_paper_proposes_is_its_own_even_when_known_or_generic_letters_mean_else():
    kb = KnowledgeBase([KBEntry("sift", "SIFT", "Method", aliases=("Scale-Invariant Feature Transform",))],
                       generic=["DSP", "LLM"])
    text = ("We introduce Deep Spectral Prior (DSP), a formulation. DSP matches Fourier coefficients. "
            "We propose supervised in-context fine-tuning (SIFT) and use Large Language Models (LLMs).")
    found = [(m.text, m.kb_key, m.role) for m in mentions_of(paper("A study", text), kb)]
    assert ("DSP", None, "proposes") in found and ("SIFT", None, "proposes") in found
    assert ("DSP", None, "uses") in found and not any(text == "LLMs" for text, _, _ in found)


def test_a_coined_name_ending_in_a_known_model_is_a_model(tiny_kb):
    found = {m.text: m.type for m in mentions_of(paper("A study", "We compare BMC-Codex with Tab-GSM8K."), tiny_kb)}
    assert found["BMC-Codex"] == "Model" and found.get("Tab-GSM8K") != "Model"


def test_known_letters_the_paper_defines_as_something_else_are_not_the_known_thing():
    kb = KnowledgeBase([KBEntry("dice", "Dice coefficient", "Metric", aliases=("DSC", "Dice Similarity Coefficient"))],
                       topics=[("in-context learning", "in-context learning"), ("ICL", "in-context learning")])
    text = "It stacks Dynamic Spiral Convolution (DSC) layers. DSC layers adapt, unlike ICL and SIFT."
    found = [(m.text, m.kb_key, m.type) for m in mentions_of(paper("A study", text), kb) if m.text != "ICL"]
    assert ("DSC", None, "Method") in found and not any(key == "dice" for _, key, _ in found)
    assert ("SIFT", None, "Method") in found  # a topic listed beside it does not make it a Task


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("we design a Perception-to-Cognition Chain-of-Thought (P2C-CoT) that", ("Perception-to-Cognition Chain-of-Thought", "P2C-CoT")),
        ("we introduce the Black-Box Distillation (B2D) setting", ("Black-Box Distillation", "B2D")),
    ],
)
def test_a_digit_in_an_acronym_reads_as_to_or_as_a_repeated_letter(text, pair):
    assert [(p.long, p.short) for p in find_acronym_pairs(text)] == [pair]


def test_tasks_paradigms_and_described_proposals_are_not_names(tiny_kb):
    text = ("Subject-to-Video (S2V) generation aims to create videos. We present the first study of KANs for "
            "Spoken Language Understanding (SLU) tasks. We propose a few-shot class-incremental learning (FSCIL) "
            "framework. We apply the proposed kernel to Approximate Nearest Neighbor Search (ANNS). "
            "We propose to leverage the video model Human4DiT.")
    found = {m.text: m.role for m in mentions_of(paper("A study", text), tiny_kb)}
    assert not {"S2V", "SLU", "FSCIL"} & set(found) and found["ANNS"] == found["Human4DiT"] == "uses"


@pytest.mark.parametrize(
    ("text", "proposed", "used"),
    [
        ("Our approach is composed of two components: the Global Features Generator (GFG) and the Local "
         "Features Enhancer (LFE). A Face-Aware Audio Adapter (FAA) is proposed to isolate the speaker. "
         "The Deep Attention Network (DAN) was introduced by earlier work.", ("GFG", "LFE", "FAA"), ("DAN",)),
        ("VARIN leverages a novel pseudo-inverse function for argmax sampling, named Location-aware Argmax Inversion "
         "(LAI), to invert noise. MoSEs contain three core components, namely, the Stylistics Reference Repository "
         "(SRR) and the Stylistics-Aware Router (SAR). Strategies such as MAG, SNIP and GRASP lag behind.",
         ("LAI", "SRR", "SAR"), ("SNIP",)),
        ("Key innovations include an Edge Guided Compaction (EGC) branch and an Augmented Mixup Sampling (AMS) "
         "strategy.", ("EGC", "AMS"), ()),
        ("We integrate these methods into a unified framework termed Fast and Slow Generating (FS-GEN). "
         "A recent variant of S4 called Diagonal State Spaces (DSS) showed gains.", ("FS-GEN",), ("DSS",)),
        ("We also build a novel out-of-domain benchmark (So-Fake-OOD) and two datasets (EmoNet HQ and Big).",
         ("So-Fake-OOD", "EmoNet HQ", "Big"), ()),
        ("We call this metric the idealized runtime. We serve both with a method called co-serving.",
         ("idealized runtime", "co-serving"), ()),
        ("We address these challenges by proposing ML-Agent, designed to navigate code. Video-LLMs fail.", ("ML-Agent",), ()),
        ("Finally, we showcase ModelScopeGPT, a real-world intelligent assistant. We compare against FooNet, a strong "
         "baseline model.", ("ModelScopeGPT",), ("FooNet",)),
    ],
)
def test_parts_the_paper_says_it_made_are_proposed(tiny_kb, text, proposed, used):
    found = {m.text: m.role for m in mentions_of(paper("A study", text), tiny_kb)}
    assert [found[name] for name in proposed + used] == ["proposes"] * len(proposed) + ["uses"] * len(used)


def test_metric_variants_and_qualified_metrics():
    kb = KnowledgeBase([KBEntry("recall-at-k", "Recall@k", "Metric", aliases=("R@k",)), KBEntry("map", "mAP", "Metric"),
                        KBEntry("fid", "FID", "Metric")])
    found = {m.text: (m.type, m.variant_of) for m in mentions_of(paper("A study", "It boosts R@1 and mAP@5 and cuts gFID."), kb)}
    assert found == {"R@1": ("Metric", "recall-at-k"), "mAP@5": ("Metric", "map"), "gFID": ("Metric", None)}


def test_types_from_apposition_of_the_title_name_a_long_apposition_and_a_model_before_a_comma(tiny_kb):
    found = {m.text: m.type for m in mentions_of(paper("B-score: Detecting biases in LLMs", (
        "We propose B-score, a novel metric. We construct MTMedDialog, the first English multi-turn medical "
        "consultation dataset. We leverage the video generative model, Human4DiT, and approach many models, EvolveX "
        "can then select samples. We release OpenS2V-5M and the MAVL set.")), tiny_kb)}
    assert (found["B-score"], found["MTMedDialog"], found["Human4DiT"]) == ("Metric", "Dataset", "Model")
    assert found["EvolveX"] != "Model" and found["OpenS2V-5M"] != "Model" and found["MAVL"] != "Model"


def test_categories_descriptions_and_short_or_generic_letters_name_nothing():
    text = ("Experiments on three standard CIR benchmarks and on HumanEval and SAMM datasets help. It generalises to "
            "unseen tasks, such as KBQA, TableQA and games. Triage uses the Chief Complaint (CC) of each visit. "
            "This study introduces a comprehensive Sri Lankan coin image dataset. We introduce HydroVision, which "
            "estimates quality from standard Red-Green-Blue (RGB) images, and Semantic Reordering (SR), a method. "
            "We introduce a novel Open-Set Self-Supervised Learning problem.")
    kb = KnowledgeBase([KBEntry("humaneval", "HumanEval", "Benchmark")], generic=["RGB", "SR"])
    found = {m.text: m.role for m in mentions_of(paper("Swarm Intelligence Toward SuperBrain", text), kb)}
    assert not {"CIR", "KBQA", "TableQA", "CC", "Sri Lankan", "RGB", "Toward SuperBrain", "Open-Set Self-Supervised Learning"} & set(found)
    assert found["SAMM"] == "evaluatesOn" and found["SR"] == "proposes" and "SuperBrain" in found


def test_a_name_glued_to_based_or_a_metric_variant_is_never_proposed_and_quoted_title_names_are(tiny_kb):
    text = ('We propose a novel weakly-supervised Codex-based framework. Our method improves Average pass@10 by 5%. '
            'We propose "In-Context Brush", a zero-shot framework.')
    found = {m.text: m.role for m in mentions_of(paper("In-Context Brush: Zero-shot Subject Insertion", text), tiny_kb)}
    assert found["Codex"] == found["pass@10"] == "uses" and found["In-Context Brush"] == "proposes"


def test_extensions_and_siblings_of_the_papers_own_name_are_its_own_too(tiny_kb):
    abstract = ("Extending this approach to strong reasoning VLMs yields LLaVA-Critic-R1+, which advances further. "
                "We propose OpenS2V-Nexus, consisting of OpenS2V-Eval, a fine-grained benchmark, and OpenS2V-5M.")
    resolved = resolve(_extract([paper("LLaVA-Critic-R1: Your Critic Model is a Policy Model", abstract)], tiny_kb), tiny_kb)
    roles = {resolved.entities[link.entity].label: link.role for link in resolved.links}
    assert roles["LLaVA-Critic-R1+"] == roles["OpenS2V-Eval"] == roles["OpenS2V-5M"] == "proposes"
    abstract = "Models move beyond fast System-1 responses. We propose System-1.5 Reasoning, an adaptive framework."
    resolved = resolve(_extract([paper("System-1.5 Reasoning: Latent Shortcuts", abstract)], tiny_kb), tiny_kb)
    roles = {resolved.entities[link.entity].label: link.role for link in resolved.links}
    assert roles["System-1"] == "uses"  # a plain word is no coined stem


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("we propose Simple Energy Adaptation ($\\textbf{SEA}$), a simple algorithm", ("Simple Energy Adaptation", "SEA")),
        ("we propose ViewCraft3D (VC3D), an efficient method", ("ViewCraft3D", "VC3D")),
    ],
)
def test_acronyms_in_latex_markup_and_for_one_camel_case_word(text, pair):
    found = find_acronym_pairs(text)
    assert [(p.long, p.short) for p in found] == [pair] and text[found[0].short_start:].startswith(pair[1])


def test_the_title_s_own_name_made_of_a_known_and_a_generic_part_is_a_name_in_its_paper_only():
    kb = KnowledgeBase([KBEntry("mamba", "Mamba", "Method"), KBEntry("scut", "SCUT-FBP5500", "Benchmark")], generic=["CNN"])
    text = "Experiments use SCUT-FBP5500. Mamba-CNN achieves a PC of 0.9187."
    own = [m.text for m in mentions_of(paper("Mamba-CNN: A Hybrid Architecture", text), kb)]
    other = [m.text for m in mentions_of(paper("A study", text), kb)]
    assert own.count("Mamba-CNN") == 2 and "Mamba-CNN" not in other


def test_the_subject_after_an_opening_phrase_is_not_listed_with_the_names_in_it(tiny_kb):
    text = ("Evaluated on the OpenEvents V1 dataset in the EVENTA 2025 Grand Challenge, ReCap achieved a score of 0.546. "
            "On HumanEval, PlanSearch reaches 80.1%. On HumanEval, MBPP and GSM8K, models improve.")
    found = {m.text: m.type for m in mentions_of(paper("A study", text), tiny_kb)}
    assert found["ReCap"] == found["PlanSearch"] == "Method" and found["MBPP"] == "Benchmark"


def test_known_names_are_not_read_into_articles_plurals_of_other_names_or_latex():
    kb = KnowledgeBase([KBEntry("a10", "A10", "Hardware"), KBEntry("vit", "ViT", "Model"), KBEntry("vits", "VITS", "Model"),
                        KBEntry("delta", "Delta", "Hardware")])
    found = mentions_of(paper("A study", "On a 10% subset, plain ViTs beat VITS; we add $\\Delta K$ on A10 GPUs."), kb)
    assert [(m.text, m.kb_key) for m in found] == [("ViTs", "vit"), ("VITS", "vits"), ("A10", "a10")]
    kb = KnowledgeBase([KBEntry("llvm", "LLVM", "Method"), KBEntry("cot", "CoT", "Method", aliases=("Chain-of-Thought",))])
    text = ("We study large language and vision models (LLVMs). LLVMs are big; we build an efficient LLVM family. "
            "Long chain-of-thoughts (CoTs) help. CoTs are long.")
    assert [(m.text, m.kb_key) for m in mentions_of(paper("A study", text), kb)] == [("CoTs", "cot"), ("CoTs", "cot")]
    kb = KnowledgeBase([KBEntry("pile", "The Pile", "Dataset", aliases=("the Pile",))])
    assert [m.text for m in mentions_of(paper("A study", "It helps on subsets of the Pile."), kb)] == ["the Pile"]  # spelled so
    kb = KnowledgeBase([KBEntry("arc-agi", "ARC-AGI", "Benchmark"), KBEntry("arc-agi-2", "ARC-AGI-2", "Benchmark")])
    found = mentions_of(paper("A study", "It beats o1 on ARC-AGI (32.8%) and ARC-AGI 2 (0.6%)."), kb)
    assert [(m.text, m.kb_key) for m in found] == [("ARC-AGI", "arc-agi"), ("ARC-AGI 2", "arc-agi-2")]  # a numbered name
    kb = KnowledgeBase([KBEntry("climate-fever", "Climate-FEVER", "Benchmark")])
    found = mentions_of(paper("A study", "Validation on datasets (FiQA, Climate Fever, TechQA) confirms it."), kb)
    assert ("Climate Fever", "climate-fever") in [(m.text, m.kb_key) for m in found]  # a hyphen written as a space


def test_a_coined_name_keeps_its_size_and_tuning_words(tiny_kb):
    text = "We compare RTL-Coder 6.7B with our PanGu-pi-1B Pro and PanGu-pi-1.5B Pro models, trained on 1.6T tokens."
    found = [m.text for m in mentions_of(paper("A study", text), tiny_kb)]
    assert found == ["RTL-Coder 6.7B", "PanGu-pi-1B Pro", "PanGu-pi-1.5B Pro"]
    found = mentions_of(paper("A study", "Our models outperform ChatGPT, Bloom 7B, Falcon 40B and Aya 8B."), tiny_kb)
    assert [m.text for m in found if m.rule == "list"] == ["Bloom 7B", "Falcon 40B", "Aya 8B"]  # plain words, listed with their sizes


def test_reasoning_thinking_and_a_version_number_make_a_variant_of_a_model_only():
    kb = KnowledgeBase([KBEntry("cot", "Chain-of-Thought", "Method"), KBEntry("flash", "Gemini 2.0 Flash", "Model")])
    found = mentions_of(paper("A study", "Chain-of-Thought Reasoning helps Gemini 2.0 Flash Thinking."), kb)
    assert [(m.text, m.rule) for m in found] == [("Chain-of-Thought", "kb"), ("Gemini 2.0 Flash Thinking", "kb-variant")]
    kb = KnowledgeBase([KBEntry("claude", "Claude", "Model"), KBEntry("cot", "Chain-of-Thought", "Method")])
    found = mentions_of(paper("A study", "We test Claude 3.7 with Chain-of-Thought 2.0 prompts."), kb)
    assert [(m.text, m.rule) for m in found] == [("Claude 3.7", "kb-variant"), ("Chain-of-Thought", "kb")]  # a model's release
    kb = KnowledgeBase([KBEntry("chatgpt", "ChatGPT", "Model"), KBEntry("bert", "BERT", "Model")])
    found = mentions_of(paper("A study", "We compare ChatGPT 4, ChatGPT 4o and BERT 12 layers deep."), kb)
    assert [m.text for m in found] == ["ChatGPT 4", "ChatGPT 4o", "BERT"]  # a bare count before a noun is no release


def test_a_known_word_that_ends_a_longer_capitalised_name_is_not_the_known_thing():
    kb = KnowledgeBase([KBEntry("transformer", "Transformer", "Method", aliases=("Transformers",))])
    text = ("We feed features of the CSWin Transformer to a decoder. Scaling Transformers is hard; "
            "a LLaMA-style Transformer and Transformers help.")
    found = [m.text for m in mentions_of(paper("A study", text), kb) if m.kb_key == "transformer"]
    assert found == ["Transformers", "Transformer", "Transformers"]  # not the CSWin Transformer's


def test_names_after_a_count_of_a_kind_are_of_that_kind(tiny_kb):
    text = ("We propose two metrics, InfoBias and InfoGain, to quantify divergence. We introduce two benchmarks for manga "
            "understanding: MangaOCR and MangaVQA. On five benchmarks in the first setting, DARLING outperforms RL.")
    found = {m.text: m.type for m in mentions_of(paper("A study", text), tiny_kb)}
    assert found["InfoBias"] == found["InfoGain"] == "Metric" and found["MangaOCR"] == "Benchmark"
    assert found["DARLING"] != "Benchmark"  # the subject after an opening phrase is no item of the count


def test_the_title_s_phrase_introduced_in_lower_case_is_proposed(tiny_kb):
    title = "ReaLHF: Optimized RLHF Training for Large Language Models through Parameter Reallocation"
    text = "We propose a novel technique named parameter ReaLlocation, which redistributes parameters. It needs no module."
    found = {m.text: m.role for m in mentions_of(paper(title, text), tiny_kb)}
    assert found.get("parameter ReaLlocation") == "proposes"
    text = "We propose a novel parameter reallocation module that redistributes parameters."  # a kind word follows
    assert "parameter reallocation" not in {m.text for m in mentions_of(paper(title, text), tiny_kb)}
    text = 'We average the weights of fine-tuned models; we call the results "model soups".'
    found = {m.text: m.role for m in mentions_of(paper("Model soups: averaging weights improves accuracy", text), tiny_kb)}
    assert found.get("model soups") == "proposes"  # a title's head in sentence case
    text = "We grow the subspace and define this to be the intrinsic dimension of the landscape."
    found = {m.text: m.role for m in mentions_of(paper("Measuring the Intrinsic Dimension of Objective Landscapes", text), tiny_kb)}
    assert found.get("intrinsic dimension") == "proposes"  # the title's opening words after "the", defined


def test_a_first_version_is_the_thing_itself_unless_a_second_is_named():
    kb = KnowledgeBase([KBEntry("nvlm", "NVLM", "Model"), KBEntry("medusa", "Medusa", "Model"), KBEntry("bleu", "BLEU", "Metric")])
    text = "We introduce NVLM 1.0 and NVLM-1.0 models. Medusa-1 and Medusa-2 differ. BLEU-1 rises."
    assert [(m.text, m.kb_key, m.variant_of) for m in mentions_of(paper("A study", text), kb)] == [
        ("NVLM 1.0", "nvlm", None), ("NVLM-1.0", "nvlm", None), ("Medusa-1", None, "medusa"), ("Medusa-2", None, "medusa"),
        ("BLEU-1", None, "bleu")]  # a model's first version only


def test_a_name_typed_otherwise_is_evaluated_on_where_a_data_kind_follows_it_or_its_list():
    kb = KnowledgeBase([KBEntry("waymo", "Waymo", "Organization"), KBEntry("chair", "CHAIR", "Metric"),
                        KBEntry("pope", "POPE", "Benchmark"), KBEntry("mme", "MME", "Benchmark")])
    text = ("On the Waymo dataset, PointSlice is 1.13x faster. Extensive experiments on three benchmarks including POPE, "
            "CHAIR, and MME demonstrate gains.")
    found = {m.text: (m.type, m.role) for m in mentions_of(paper("A study", text), kb)}
    assert found["Waymo"][1] == found["CHAIR"][1] == found["POPE"][1] == "evaluatesOn"


def test_the_one_named_dataset_of_a_study_that_evaluates_on_nothing_else_is_evaluated_on(tiny_kb):
    text = ("We study wildfire detection with small detectors. The D-FIRE dataset, which includes several kinds of "
            "wildfire images, was employed in the study. Our detector reaches 0.84 mAP and improves recall.")
    assert {m.text: m.role for m in mentions_of(paper("A study", text), tiny_kb)}["D-FIRE"] == "evaluatesOn"
    text = text.replace("The D-FIRE dataset, which includes several kinds of wildfire images, was employed in the study",
                        "We fine-tune the backbone on the D-FIRE dataset, which includes several kinds of wildfire images")
    assert {m.text: m.role for m in mentions_of(paper("A study", text), tiny_kb)}["D-FIRE"] == "uses"  # trained on


def test_capitalised_names_right_before_a_lower_case_kind_word_are_names_of_that_kind(tiny_kb):
    text = ("We train the Simba family of models with an Uncertainty-aware Negative Learning objective. Results on the "
            "Memory Maze and Minecraft datasets improve. Our optimized Joint strategy and a Gaudi-based framework help.")
    found = {m.text: m.type for m in mentions_of(paper("A study", text), tiny_kb)}
    assert (found["Simba"], found["Uncertainty-aware Negative Learning"]) == ("Model", "Method")
    assert found["Memory Maze"] == found["Minecraft"] == "Dataset"
    assert not {"Joint", "Gaudi-based", "Gaudi"} & set(found)  # an adjective, a description


def test_capitalised_names_listed_as_examples_of_a_kind_are_names_of_that_kind():
    kb = KnowledgeBase([KBEntry("ada", "Ada", "Hardware"), KBEntry("hopper", "Hopper", "Hardware")])
    text = ("Purification-based methods, such as DiffPure and Noise Upscaling, fail. We use metrics like Defense Success "
            "Rate and Context Robustness Score on GPU architectures, namely Hopper, Ada, and Ampere. It suits models "
            "with many heads, such as Multi-Head, Multi-Query and Grouped-Query attention.")
    found = {m.text: m.type for m in mentions_of(paper("A study", text), kb)}
    assert found["DiffPure"] == found["Noise Upscaling"] == "Method" and found["Ampere"] == "Hardware"
    assert found["Defense Success Rate"] == found["Context Robustness Score"] == "Metric"
    assert not {"Multi-Head", "Multi-Query"} & set(found)  # words before a noun


def test_named_acronym_pairs_after_a_proposal_sentence_are_parts_of_the_contribution(tiny_kb):
    text = ("We propose HF-Net, a try-on network. First, the Dual Selective Enhancement Block (DSEB) enhances features. "
            "We fuse the outputs using Reciprocal Rank Fusion (RRF).")
    found = {m.text: m.role for m in mentions_of(paper("A study", text), tiny_kb)}
    assert found["DSEB"] == "proposes" and found["RRF"] == "uses"
    found = {m.text: m.role for m in mentions_of(paper("A study", text.split(". ", 1)[1]), tiny_kb)}
    assert found["DSEB"] == "uses"  # no proposal before it


def test_a_year_after_a_known_dataset_is_its_edition():
    kb = KnowledgeBase([KBEntry("inat", "iNaturalist", "Dataset", aliases=("iNat",))])
    found = mentions_of(paper("A study", "It gains 6.9% on iNat 2019 and 2.1% on iNaturalist."), kb)
    assert [(m.text, m.rule, m.variant_of) for m in found] == [("iNat 2019", "kb-variant", "inat"), ("iNaturalist", "kb", None)]


def test_a_competition_the_paper_takes_part_in_and_what_it_generalises_to_are_evaluated_on(tiny_kb):
    text = ("This paper presents three systems developed for the M-DAIGT shared task on detection. We present our approach "
            "to the MedHopQA track of the BioCreative IX shared task. Our model generalizes well to complex reasoning "
            "datasets such as PolyMath and LogiBench.")
    found = {m.text: m.role for m in mentions_of(paper("A study", text), tiny_kb)}
    assert found["M-DAIGT"] == found["MedHopQA"] == found["BioCreative IX"] == "evaluatesOn"
    assert found["PolyMath"] == found["LogiBench"] == "evaluatesOn"


def test_a_benchmark_measured_in_shots_or_scores_is_evaluated_on():
    kb = KnowledgeBase([KBEntry("mmlu", "MMLU", "Benchmark"), KBEntry("gsm8k", "GSM8K", "Benchmark")])
    text = "Pure SSMs lag behind on 5-shot MMLU. Our models improve GSM8K scores by 16%. GSM8K was built by hand."
    found = [(m.text, m.role) for m in mentions_of(paper("A study", text), kb)]
    assert found == [("MMLU", "evaluatesOn"), ("GSM8K", "evaluatesOn"), ("GSM8K", "uses")]


def test_lists_with_scores_stars_and_a_kind_word_after_them_type_their_members(tiny_kb):
    text = ("Experiments on the CCPG, CASIA-B*, and SUSTech1K datasets show gains. It improves reasoning benchmarks: "
            "GSM8K (+4.9%), HumanEval (+4.3%), and BigBenchHard (+12.3%). We present the NADI Shared Task. "
            "Uncertainty signals work (AUROC>0.93).")
    found = {m.text: (m.type, m.role) for m in mentions_of(paper("A study", text), tiny_kb)}
    assert found["CCPG"] == found["CASIA-B"] == found["SUSTech1K"] == ("Dataset", "evaluatesOn")
    assert found["BigBenchHard"] == ("Benchmark", "evaluatesOn") and found["NADI"][0] == "Benchmark"
    assert "AUROC" in found


def test_named_parts_of_a_system_are_proposed_unless_the_sentence_credits_others(tiny_kb):
    text = ("HF-VTON consists of three modules: the Appearance-Preserving Warp Alignment Module, which aligns garments, "
            "and a Knowledge Transfer module. It is compared to state-of-the-art Deep Attention Network models.")
    found = {m.text: m.role for m in mentions_of(paper("Not All Attention Is Needed", text), tiny_kb)}
    assert found["Appearance-Preserving Warp Alignment Module"] == found["Knowledge Transfer"] == "proposes"
    assert found["Deep Attention Network"] == "uses" and "Not All Attention" not in found


@pytest.mark.parametrize(
    "title",
    ["Towards Agentic OS: An LLM Agent Framework", "Re-evaluating LLM-based Heuristic Search: A Case Study",
     "Negative Matters: Hard-Negative Synthesis for Text Embeddings"],
)
def test_title_phrases_that_the_abstract_does_not_use_as_names_are_not_proposals(tiny_kb, title):
    assert not [m for m in mentions_of(paper(title, "We study negative samples for search."), tiny_kb) if m.rule == "title"]


def test_a_plain_title_phrase_the_abstract_repeats_is_the_papers_name(tiny_kb):
    found = mentions_of(paper("The Languini Kitchen: Language Modelling Research", "The Languini Kitchen serves as a codebase."), tiny_kb)
    assert any(m.rule == "title" and m.text == "The Languini Kitchen" for m in found)


def test_each_proposal_verb_opens_its_own_contribution_and_a_pairs_setting_is_not_one(tiny_kb):
    text = ("We (1) introduce a training-time negation data generation pipeline that only adds 2.5% extra training "
            "time on large clusters of accelerators, and (2) we propose the first benchmark, Neg-TtoI, for evaluating "
            "models. This paper presents an efficient detection model for Range-Doppler (RD) radar maps.")
    found = {m.text: m.role for m in mentions_of(paper("A study", text), tiny_kb)}
    assert found["Neg-TtoI"] == "proposes" and found.get("RD") != "proposes"


def test_a_pairs_long_form_may_continue_after_it_and_a_proposed_pair_is_not_a_known_acronym():
    kb = KnowledgeBase([KBEntry("kl", "KL divergence", "Metric", aliases=("Kullback-Leibler divergence", "KL")),
                        KBEntry("limo", "LIMO", "Dataset")])
    text = "We introduce a novel Language-aware Information MaximizatiOn (LIMO) loss with a Kullback-Leibler (KL) divergence term."
    found = {m.text: (m.kb_key, m.role) for m in mentions_of(paper("A study", text), kb)}
    assert found["LIMO"] == (None, "proposes") and found["KL"] == ("kl", "uses")


def test_benchmarks_listed_as_examples_of_existing_ones_are_used_and_settings_after_a_preposition_are_no_names(tiny_kb):
    text = ("However, existing benchmarks (e.g., GSM8K, HumanEval) fail to capture this. This paper introduces a "
            "slicing method for planar layers in digital light processing (DLP) 3D printing.")
    found = {m.text: m.role for m in mentions_of(paper("A study", text), tiny_kb)}
    assert found["GSM8K"] == found["HumanEval"] == "uses" and "DLP" not in found


def test_size_words_after_a_known_model_make_a_variant():
    kb = KnowledgeBase([KBEntry("whisper", "Whisper", "Model")])
    found = {m.text: m.variant_of for m in mentions_of(paper("A study", "It beats the Whisper Tiny and Whisper Small models."), kb)}
    assert found == {"Whisper Tiny": "whisper", "Whisper Small": "whisper"}


def test_a_maker_fused_to_a_known_product_by_a_hyphen_is_split_out(tiny_kb):
    found = {m.text: (m.type, m.kb_key) for m in mentions_of(paper("A study", "Advances such as OpenAI-Codex and Meta-Llama 2 help."), tiny_kb)}
    assert found["OpenAI"] == ("Organization", "openai") and found["Codex"] == ("Model", "codex")


def test_generic_compounds_and_bit_widths_name_nothing_but_a_letter_before_a_generic_word_may():
    kb = KnowledgeBase([], generic=["LLM", "LLMs", "CT", "VLM"])
    text = ("Applying RL to Video Large Language Models (Video-LLMs) helps. We enhance 3D micro-Computed Tomography "
            "(micro-CT) images under W4A4 quantization with a Generative Vision-Language Model (G-VLM).")
    found = {m.text for m in mentions_of(paper("A study", text), kb)}
    assert not {"Video-LLMs", "micro-CT", "W4A4"} & found and "G-VLM" in found


@pytest.mark.parametrize(
    ("title", "abstract", "name"),
    [
        ("Power Scheduler: A Batch Size Agnostic Learning Rate Scheduler", "We propose a new scheduler, Power scheduler, that works.", "Power Scheduler"),
        ("Granite-Function Calling Model: Introducing Function Calling", "We train a model for tool use.", "Granite-Function Calling Model"),
    ],
)
def test_plain_title_names_repeated_as_a_name_or_ending_in_their_kind_are_kept(tiny_kb, title, abstract, name):
    assert any(m.rule == "title" and m.text == name for m in mentions_of(paper(title, abstract), tiny_kb))


def test_namely_names_what_the_sentence_calls_new(tiny_kb):
    text = "The core of ByteScale is a novel parallelism strategy, namely Hybrid Data Parallelism (HDP), which unifies both."
    assert {m.text: m.role for m in mentions_of(paper("A study", text), tiny_kb)}["HDP"] == "proposes"


def test_a_coined_acronym_before_the_kind_of_part_it_is_names_a_part_of_the_paper_s_own_system(tiny_kb):
    text = ("We classify polyps from white light. The key innovation lies in the Alignment-free Dense Distillation (ADD) "
            "module, which aligns features. Unlike existing Region Proposal Network (RPN) module designs, it is cheap.")
    found = {m.text: m.role for m in mentions_of(paper("A study", text), tiny_kb)}
    assert found["ADD"] == "proposes" and found.get("RPN", "uses") == "uses"


def test_a_name_a_sentence_gives_is_found_where_the_paper_writes_it_again():
    text = ("We propose a novel framework named Discrete Markov Bridge, with Matrix Learning and Score Learning "
            "modules. Evaluations validate the proposed Discrete Markov Bridge, which achieves an ELBO of 1.38 on Text8.")
    known = [("text8", "Text8", "Dataset"), ("elbo", "ELBO", "Metric")]
    found = [(m.text, m.rule) for m in mentions_of(paper("A study", text), KnowledgeBase([KBEntry(*e) for e in known]))]
    assert found.count(("Discrete Markov Bridge", "named")) == 1 and ("Discrete Markov Bridge", "repeat") in found
    assert _results_of("A study", text, known) == [("Discrete Markov Bridge", "Text8", 1.38)]


def test_one_hyphenated_word_right_after_a_proposal_verb_is_a_name_and_its_camel_case_acronym_joins_it(tiny_kb):
    text = ("Accordingly, we introduce Max-Former that restores high-frequency signals. We propose Video-Generation-Team "
            "(VGTeam), a team of agents. Our Max-Former (63.99 M) hits a top-1 accuracy of 82.39% on ImageNet.")
    found = [(m.text, m.role, m.long_form) for m in mentions_of(paper("A study", text), tiny_kb)]
    assert ("Max-Former", "proposes", None) in found and ("VGTeam", "proposes", "Video-Generation-Team") in found
    assert "Video-Generation-Team" not in {text for text, _, _ in found}
    text = "We introduce Max-Former that restores signals. Our Max-Former (63.99 M) hits a top-1 accuracy of 82.39% on ImageNet."
    assert _results_of("A study", text, [("imagenet", "ImageNet", "Benchmark")]) == [("Max-Former", "ImageNet", 0.8239)]


def test_a_lower_case_title_name_a_far_called_and_a_name_between_commas_after_its_kind_are_proposals(tiny_kb):
    found = mentions_of(paper("torchdistill: A Modular, Configuration-Driven Framework for Knowledge Distillation", "It works."), tiny_kb)
    assert [(m.text, m.type, m.role) for m in found if m.rule == "title"] == [("torchdistill", "Method", "proposes")]
    text = ("In this paper, we introduce an innovative iterative training framework called Self-Lengthen that needs no "
            "aligned data. Then we develop a data generation pipeline, Programming-Instruct, which synthesizes data.")
    found = {m.text: m.role for m in mentions_of(paper("A study", text), tiny_kb)}
    assert found == {"Self-Lengthen": "proposes", "Programming-Instruct": "proposes"}
    found = mentions_of(paper("scaling laws: a study", "We fit them."), tiny_kb)
    assert not [m for m in found if m.rule == "title"]  # a lower-case head of several words is a phrase


def test_a_named_role_of_one_system_is_not_the_same_word_in_another_paper(tiny_kb):
    papers = [paper("Self-Lengthen: Long Outputs", "The framework consists of two roles: the Generator and the Extender.", "p1"),
              paper("GAN study", "The method consists of two components: the Generator and a Critic.", "p2")]
    resolved = resolve(_extract(papers, tiny_kb), tiny_kb)
    generators = {link.entity for link in resolved.links if resolved.entities[link.entity].label == "Generator"}
    assert len(generators) == 2


def test_a_yearly_shared_task_keeps_its_year_and_a_kind_word_before_a_name_is_not_part_of_it(tiny_kb):
    text = "We present the findings of PalmX 2025 and a comprehensive Fact-checking Benchmark FActBench. In 2024 we began."
    found = {m.text: m.type for m in mentions_of(paper("A study", text), tiny_kb)}
    assert found["PalmX 2025"] == "Benchmark" and "FActBench" in found and "Benchmark FActBench" not in found


def test_extensions_of_the_title_name_parts_of_a_key_component_and_enumerated_parts(tiny_kb):
    text = ("We further propose Enigmata-Eval, a rigorous benchmark. A key component of Enigmata is the Hybrid "
            "Spatial-Frequency Attention (HSFA) block. It has three key components: (i) Graph Construction, which "
            "uses embeddings; and (ii) Dual Stabilization. LF-Eval is an automatic metric.")
    found = {m.text: (m.type, m.role) for m in mentions_of(paper("Enigmata: Scaling Logical Reasoning", text), tiny_kb)}
    assert found["Enigmata-Eval"] == ("Benchmark", "proposes") and found["HSFA"][1] == "proposes"
    assert found["Graph Construction"][1] == found["Dual Stabilization"][1] == "proposes" and found["LF-Eval"][0] == "Metric"
    text = ("LongCat adopts two novel designs: (a) Zero-computation Experts, and (b) Shortcut-connected MoE. It has four "
            "modular components, i.e., Scenario as a task, Inferencer, and Recipe. Three key modules: 1) DB-MPA, 2) Hybrid "
            "Fusion. We propose a three-stage training scheme to exploit it: 1) Distilled Pre-Training to align features, "
            "and 2) Distilled Fine-Tuning to transfer skills.")
    found = {m.text: m.role for m in mentions_of(paper("A study", text), tiny_kb)}
    parts = ("Zero-computation Experts", "Shortcut-connected MoE", "Scenario", "Inferencer", "Recipe", "DB-MPA", "Hybrid Fusion",
             "Distilled Pre-Training", "Distilled Fine-Tuning")
    assert [found.get(name) for name in parts] == ["proposes"] * len(parts)
    text = "It has three key components: a Vision module that reads pixels, a Domain expert, and an Instruction tuner."
    assert not {m.text for m in mentions_of(paper("A study", text), tiny_kb)} & {"Visi", "Doma", "Instructi"}  # whole words


def test_a_class_named_by_plural_letters_stays_generic_in_the_singular(tiny_kb):
    text = "Diffusion Language Models (DLMs) promise parallel decoding. Each DLM is slow. Video Diffusion Transformers (VDiTs) too."
    assert not {m.text for m in mentions_of(paper("A study", text), tiny_kb)} & {"DLM", "DLMs", "VDiTs"}
    text = ("We introduce SCALE, a framework that connects Specialized Translation Models (STMs) and LLMs. An STM "
            "translates. Many text-attributed graphs (TAGs) exist; we model each TAG.")
    assert not {m.text for m in mentions_of(paper("A study", text), tiny_kb)} & {"STM", "TAG"}  # not what the verb names
    text = "We propose Neural Field Machines (NFMs). Each NFM is small."
    assert "NFM" in {m.text for m in mentions_of(paper("A study", text), tiny_kb)}  # a class of the paper's own


def test_a_score_belongs_to_the_subject_not_to_the_systems_it_beats():
    kb = KnowledgeBase([KBEntry("arc", "ARC-AGI", "Benchmark"), KBEntry("o1", "o1", "Model"), KBEntry("qwen", "Qwen2.5-32B", "Model")])
    text = "Our model Qwen2.5-32B surpasses o1 on ARC-AGI (32.8%). It runs with a $1.76\\times$ speedup on ARC-AGI."
    resolved = resolve(_extract([paper("A study", text)], kb), kb)
    assert [(r.entity, r.benchmark, r.value) for r in resolved.results] == [("qwen", "arc", 0.328)]


def test_appositions_and_lists_of_parts_type_what_they_name(tiny_kb):
    text = ("We present UI-TARS-2, a native GUI-centered agent model that acts. We release Alchemist, a compact "
            "(3,350 samples) yet highly effective SFT dataset. Q2K integrates: (1) a Reasoning Agent that asks, and "
            "(2) a Knowledge Agent that answers. The ecosystem comprises three key components: (1) CSIST-100K, a "
            "public benchmark dataset; (2) CSO-mAP, a custom evaluation metric; and (3) An Innovative toolkit.")
    found = {m.text: m.type for m in mentions_of(paper("GC-KBVQA: A New Four-Stage Framework for VQA", text), tiny_kb)}
    assert (found["UI-TARS-2"], found["Alchemist"], found["CSIST-100K"], found["CSO-mAP"]) == ("Model", "Dataset", "Dataset", "Metric")
    assert found["Reasoning Agent"] == found["Knowledge Agent"] == found["GC-KBVQA"] == "Method" and "Innovative" not in found


def test_types_from_a_bare_subtitle_latex_appositions_numbered_lists_and_a_kind_before_called(tiny_kb):
    text = ("We introduce \\textbf{CFpano}, the \\textbf{first} benchmark dataset for panoramas. We construct "
            "PolyNews and PolyNewsParallel, two multilingual news corpora. We propose a versatile method called "
            "GQKVA, which groups keys.")
    found = {m.text: (m.type, m.typed) for m in mentions_of(paper("SeLeRoSa: Sentence-Level Romanian Satire Detection Dataset", text), tiny_kb)}
    assert found["SeLeRoSa"][0] == found["CFpano"][0] == found["PolyNews"][0] == found["PolyNewsParallel"][0] == "Dataset"
    assert found["GQKVA"] == ("Method", True)


def test_a_proposal_that_reuses_a_known_name_for_another_kind_of_thing_is_the_papers_own():
    kb = KnowledgeBase([KBEntry("papi", "PAPI", "Method")])
    text = "In this work, we construct PAPI, the largest dataset for private attribute profiling."
    assert [(m.text, m.type, m.kb_key) for m in mentions_of(paper("A study", text), kb)] == [("PAPI", "Dataset", None)]
    assert [m.kb_key for m in mentions_of(paper("A study", "We read PAPI counters, a library."), kb)] == ["papi"]
    text += " Benchmarking on hard tasks, PAPI outperforms baselines."
    assert {(m.type, m.kb_key) for m in mentions_of(paper("A study", text), kb)} == {("Dataset", None)}  # the paper's own, throughout


def test_parts_the_papers_own_name_develops_or_a_passive_verb_proposes_are_proposed(tiny_kb):
    text = ("We propose a novel large language model (LLM)-driven distributed integrated multimodal sensing and semantic "
            "communication (LLM-DiSAC) framework. "
            "First, LLM-DiSAC develops an RF-vision fusion network (RVFN), which fuses features. Second, a "
            "LLM-based semantic transmission network (LSTN) is proposed to enhance efficiency.")
    found = {(m.text, m.rule): m.role for m in mentions_of(paper("Distributed Multimodal Sensing", text), tiny_kb)}
    assert found[("RVFN", "acronym")] == found[("LSTN", "acronym")] == "proposes"


def test_a_lower_case_ambiguous_known_name_needs_support():
    kb = KnowledgeBase([KBEntry("vivo", "vivo", "Organization", case_sensitive=True, ambiguous=True)])
    assert mentions_of(paper("A study", "We collected ex vivo tissues and in vivo animal data."), kb) == []


def test_an_ambiguous_organization_is_one_as_a_maker():
    kb = KnowledgeBase([KBEntry("meta", "Meta", "Organization", case_sensitive=True, ambiguous=True),
                        KBEntry("opt", "OPT", "Model")])
    text = "We use OPT (a model open-sourced by Meta). By fine-tuning Meta's NLLB model, we win. Meta learning helps."
    assert [m.text for m in mentions_of(paper("A study", text), kb) if m.type == "Organization"] == ["Meta", "Meta"]


def test_plain_words_listed_with_datasets_are_datasets_and_long_evaluation_phrases_still_evaluate():
    kb = KnowledgeBase([KBEntry(k, k, "Dataset") for k in ("CIFAR-100", "STL-10", "WildChat")] + [KBEntry("pope", "POPE", "Benchmark")])
    text = ("Our method wins across numerous small and medium-scale benchmarks, including CIFAR-100, STL-10, Flowers, "
            "and Pets. Results on several challenging benchmarks demanding fine-grained visual understanding, such as "
            "POPE, improve. We evaluate it on a 5,000-scenario subset of the WildChat dataset and show gains.")
    found = {m.text: (m.type, m.role) for m in mentions_of(paper("A study", text), kb)}
    assert found["Flowers"] == found["Pets"] == ("Dataset", "evaluatesOn")
    assert found["POPE"][1] == found["WildChat"][1] == "evaluatesOn"
    across = "Across GSM8K and StrategyQA, it helps. We build ED-Triage and Opioid Analgesic Recommendation (GSM8K, Track 1)."
    assert not {"Across", "Opioid", "Track"} & {m.text for m in mentions_of(paper("A study", across), KnowledgeBase([KBEntry("gsm8k", "GSM8K", "Benchmark")]))}


def test_phenomena_sentence_openers_and_known_words_in_a_title_name_nothing_new(tiny_kb):
    text = ("We refer to this failure as Modality Interference. Within CIR, a masking strategy helps. We evaluate "
            "models utilizing MedJudge, a novel rubric-based evaluation framework.")
    found = {m.text: m.role for m in mentions_of(paper("LLMs for LLMs: A Prompting Method", text), tiny_kb)}
    assert found == {"CIR": "uses", "MedJudge": "proposes"}
    text = 'We introduce DIET ( DIfficulty-AwarE Training), a framework.'
    found = {m.text: m.role for m in mentions_of(paper("The Overthinker's DIET: Cutting Token Calories", text), tiny_kb)}
    assert found == {"DIET": "proposes"}


def test_the_field_an_abstract_opens_on_and_a_class_of_systems_are_no_entities_though_defined_in_capitals(tiny_kb):
    text = ("Federated Active Learning (FAL) seeks to reduce the burden of annotation. We apply FAL with Gradient "
            "Dropping Memory (GDM) to clients.")
    found = {m.text for m in mentions_of(paper("A study", text), tiny_kb)}
    assert "FAL" not in found and "GDM" in found  # the same pair later in the abstract names a thing
    text = "Surface defects in Laser Powder Bed Fusion (LPBF) pose risks. We detect LPBF defects with a small model."
    assert "LPBF" not in {m.text for m in mentions_of(paper("A study", text), tiny_kb)}  # the field, after "in"
    text = "We test AI interviewers and current Interactive Voice Response (IVR) systems across two dimensions."
    assert "IVR" not in {m.text for m in mentions_of(paper("A study", text), tiny_kb)}  # a class of systems


def test_an_acronym_before_its_long_form_takes_the_type_of_the_apposition_or_of_the_kind_before_it(tiny_kb):
    text = "In this paper, we present LooGLE, a Long Context Generic Language Evaluation benchmark for long context understanding."
    found = [(m.text, m.type, m.rule) for m in mentions_of(paper("A study", text), tiny_kb)]
    assert ("LooGLE", "Benchmark", "acronym") in found
    text = ("We introduce a novel task, AttCoSeg (Attribute-level Co-Segmentation), which boosts grounding. We integrate "
            "two approaches: REBASE (REward BAlanced SEarch) and Quiet-STaR.")
    found = {m.text: (m.type, m.long_form) for m in mentions_of(paper("A study", text), tiny_kb)}
    assert found["AttCoSeg"] == ("Benchmark", "Attribute-level Co-Segmentation")
    assert found["REBASE"][1] == "REward BAlanced SEarch" and not {"REward", "SEarch"} & set(found)


def test_names_set_in_quotes_are_the_papers_own_unless_known_or_a_phenomenon(tiny_kb):
    text = ("We reformulate recommendation within a generative modeling framework (``Generative Recommenders''). "
            "We compare with \"GPT-4\" and study the \"Toxic Siblings\" bias.")
    found = {m.text: (m.role, m.rule) for m in mentions_of(paper("A study", text), tiny_kb)}
    assert found["Generative Recommenders"] == ("proposes", "named")
    assert found["GPT-4"][0] == "uses" and "Toxic Siblings" not in found


def test_benchmark_as_a_verb_types_nothing_dashes_make_appositions_and_models_list_plain_names():
    kb = KnowledgeBase([KBEntry("llama", "LLaMA", "Model"), KBEntry("o3", "o3", "Model")])
    text = ("We propose Anisotropic Fourier Feature Positional Encoding (AFPE), a generalization of IFPE. We "
            "systematically benchmark AFPE against common encodings. The International Physics Olympiad (IPhO)--the "
            "most prestigious physics competition--offers a test. We propose CIDRe, a reference-free quality criterion. "
            "Whereas o3 leads, ALLaM, Fanar, LLaMA, and Convolutional Neural Networks trail.")
    found = {}
    for m in mentions_of(paper("A study", text), kb):
        found.setdefault(m.text, m.type)
    assert (found["AFPE"], found["IPhO"], found["CIDRe"], found["Fanar"]) == ("Method", "Benchmark", "Metric", "Model")
    assert "Networks" not in found


def test_by_introducing_proposes_latex_pairs_long_subtitles_and_thinking_variants():
    kb = KnowledgeBase([KBEntry("claude-3-7-sonnet", "Claude 3.7 Sonnet", "Model", aliases=("Claude-3.7",))])
    text = ("In this work, we bridge this gap by introducing probability flow distance ($\\texttt{PFD}$), a theoretically "
            "grounded and computationally efficient metric. Agents (like Claude-3.7-thinking) succeed rarely.")
    title = "MMP-2K: A Benchmark Multi-Labeled Macro Photography Image Quality Assessment Database"
    found = {m.text: (m.type, m.role) for m in mentions_of(paper(title, text), kb)}
    assert found["PFD"] == ("Metric", "proposes") and found["MMP-2K"] == ("Dataset", "proposes")
    assert found["Claude-3.7-thinking"][0] == "Model"


def test_a_known_name_that_modifies_a_noun_after_a_proposal_verb_is_used_not_proposed():
    kb = KnowledgeBase([KBEntry("clip", "CLIP", "Model"), KBEntry("mbpp", "MBPP", "Benchmark")])
    found = {m.text: m.role for m in mentions_of(paper("A study", "We introduce a CLIP image encoder with a resampler."), kb)}
    assert found == {"CLIP": "uses"}
    found = {m.text: m.role for m in mentions_of(paper("A study", "We introduce two new benchmarks, MBPP and X-Eval."), kb)}
    assert found["MBPP"] == "proposes"


def test_scores_before_acronyms_make_metrics_and_words_glued_to_a_company_name_or_inside_addresses_are_not_names():
    kb = KnowledgeBase([KBEntry("meta", "Meta", "Organization", case_sensitive=True, ambiguous=True)])
    text = "Our method achieves 45.0 PDMS. Code: https://github.com/a/DB-2025}{github.com/a/DB-2025."
    found = {m.text: m.type for m in mentions_of(paper("Meta-aware Learning in Language Models", text), kb)}
    assert found == {"PDMS": "Metric"}


def test_a_roman_number_belongs_to_the_release_it_follows(tiny_kb):
    text = "We fine-tune ten architectures using datasets from HOLISMOKES VI and SuGOHI X."
    assert "HOLISMOKES VI" in {m.text for m in mentions_of(paper("A study", text), tiny_kb)}


def test_a_bracketed_release_after_a_known_family_is_its_variant():
    kb = KnowledgeBase([KBEntry("flux", "FLUX", "Model", aliases=("FLUX.1",))])
    found = [(m.text, m.variant_of) for m in mentions_of(paper("A study", "We distill FLUX.1[schnell] and FLUX."), kb)]
    assert found == [("FLUX.1[schnell]", "flux"), ("FLUX", None)]


def test_a_self_annotated_dataset_is_the_papers_own(tiny_kb):
    text = "Experiments on three QA datasets, including a self-annotated one AIRQA-REAL, show gains."
    assert {m.text: m.role for m in mentions_of(paper("A study", text), tiny_kb)}["AIRQA-REAL"] == "proposes"


def test_scores_of_a_benchmark_named_at_the_sentence_start_or_proposed_in_another_sentence(tiny_kb):
    text = ("We introduce VideoRewardBench, the first benchmark for video reward models. Even GPT-4 achieves only "
            "57.0% overall accuracy. On HumanEval, Codex fine-tuned on our carefully cleaned data achieves a "
            "pass@1 of 48.1%, while using 35%/52% fewer parameters.")
    resolved = resolve(_extract([paper("A study", text)], tiny_kb), tiny_kb)
    labels = {key: entity.label for key, entity in resolved.entities.items()}
    assert sorted((labels[r.entity], labels[r.benchmark], r.value) for r in resolved.results) == [
        ("Codex", "HumanEval", 0.481), ("GPT-4", "VideoRewardBench", 0.57)
    ]


def test_a_survey_or_registry_named_by_a_long_form_is_a_dataset(tiny_kb):
    text = ("The analysis is based on the Economy Watchers Survey (EWS), a monthly poll. The Legacy Survey of Space "
            "and Time (LSST) will find many lenses.")
    found = {m.text: m.type for m in mentions_of(paper("A study", text), tiny_kb)}
    assert found["EWS"] == found["LSST"] == "Dataset"


def test_thinking_and_effort_levels_make_model_variants():
    kb = KnowledgeBase([KBEntry("gemini-2-flash", "Gemini 2.0 Flash", "Model"), KBEntry("o3-mini", "o3-mini", "Model")])
    found = [(m.text, m.variant_of) for m in mentions_of(paper("A study", "We test Gemini 2.0 Flash Thinking and o3-mini-high."), kb)]
    assert found == [("Gemini 2.0 Flash Thinking", "gemini-2-flash"), ("o3-mini-high", "o3-mini")]

"""The register: councils, terms, people, inquiries, answers, documents and their history."""

from .bodies import Body, Club, ClubMembership, Department, Level, Term
from .documents import Document, Event
from .inquiries import Answer, AnswerKind, Inquiry, InquiryAuthor, InquiryKind
from .people import Membership, Person, PersonAlias, Role

__all__ = [
    "Answer",
    "AnswerKind",
    "Body",
    "Club",
    "ClubMembership",
    "Department",
    "Document",
    "Event",
    "Inquiry",
    "InquiryAuthor",
    "InquiryKind",
    "Level",
    "Membership",
    "Person",
    "PersonAlias",
    "Role",
    "Term",
]

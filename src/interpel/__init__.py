"""interpel: the register of councillors' interpellations and questions and the executive's answers."""

__version__ = "0.1.0"

"""Every command says how it is used: an example and a help line on every option."""
import pytest


@pytest.mark.parametrize("command", ["extract", "train", "evaluate", "cv", "pre-annotate",
                                     "validate", "tables", "show", "labeling-config", "convert"])
def test_every_command_has_an_example_and_help_on_every_option(command):
    from typer.main import get_command

    from rectify_nlp.cli.main import app
    cmd = get_command(app).commands[command]
    assert "Example: rectify-nlp " + command in cmd.help
    for param in cmd.params:
        if param.param_type_name == "option" and param.name != "help":
            assert param.help, f"{command} {param.opts} has no help line"

"""A Space's secrets, variables and runtime (issue 22, item 13): stored by the sandbox, with nothing running."""
import os

from huggingface_hub import HfApi, SpaceHardware, SpaceStage


def step(name, value):
    print(f"ok  {name}: {value}")


def space_steps(api, repo):
    api.add_space_secret(repo, "API_KEY", "s3cret", description="a key")
    secrets = api.get_space_secrets(repo)
    assert list(secrets) == ["API_KEY"] and secrets["API_KEY"].description == "a key", secrets
    step("add_space_secret, get_space_secrets (no values)", secrets["API_KEY"].updated_at)
    api.delete_space_secret(repo, "API_KEY")
    assert api.get_space_secrets(repo) == {}
    step("delete_space_secret", "gone")
    variables = api.add_space_variable(repo, "MODEL_ID", "gpt2", description="which model")
    assert variables["MODEL_ID"].value == "gpt2", variables
    assert api.get_space_variables(repo)["MODEL_ID"].description == "which model"
    step("add_space_variable, get_space_variables", variables["MODEL_ID"].value)
    assert api.delete_space_variable(repo, "MODEL_ID") == {}
    step("delete_space_variable", "gone")
    runtime = api.get_space_runtime(repo)
    assert runtime.stage == SpaceStage.NO_APP_FILE and runtime.requested_hardware == SpaceHardware.CPU_BASIC, runtime
    step("get_space_runtime of an empty Space", runtime.stage)
    api.upload_file(path_or_fileobj=b"print('hi')\n", path_in_repo="app.py", repo_id=repo, repo_type="space")
    runtime = api.request_space_hardware(repo, SpaceHardware.T4_SMALL, sleep_time=3600)
    assert runtime.stage == SpaceStage.RUNNING and runtime.hardware == "t4-small" and runtime.sleep_time == 3600, runtime
    step("request_space_hardware", runtime.hardware)
    assert api.set_space_sleep_time(repo, 600).sleep_time == 600
    step("set_space_sleep_time", 600)
    assert api.pause_space(repo).stage == SpaceStage.PAUSED
    step("pause_space", "PAUSED")
    assert api.restart_space(repo, factory_reboot=True).stage == SpaceStage.RUNNING
    step("restart_space", "RUNNING")
    assert api.space_info(repo).runtime.stage == SpaceStage.RUNNING
    step("space_info runtime", "RUNNING")


if __name__ == "__main__":
    api = HfApi(endpoint=os.environ["HF_ENDPOINT"], token=os.environ["HF_TOKEN"])
    repo = api.create_repo(f"space-{os.urandom(4).hex()}", repo_type="space", space_sdk="gradio").repo_id
    space_steps(api, repo)

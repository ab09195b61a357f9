"""Drives a running hubhooks sandbox with the official huggingface_hub client, as a bot author would.

HF_ENDPOINT and HF_TOKEN name the server and a token; each step prints one line and the first failure stops it.
"""
import os
import uuid

from huggingface_hub import CommitOperationDelete, HfApi, ModelCard, hf_hub_download
from huggingface_hub.utils import RepositoryNotFoundError
from browse_check import browse_steps

api = HfApi(endpoint=os.environ["HF_ENDPOINT"], token=os.environ["HF_TOKEN"])
me = api.whoami()
repo = f"{me['name']}/py-{uuid.uuid4().hex[:8]}"


def step(name, value):
    print(f"ok  {name}: {value}")


step("whoami", me["name"])
step("create_repo", api.create_repo(repo.split("/")[1]).repo_id)
step("create_repo exist_ok", api.create_repo(repo, exist_ok=True).repo_id)
info = api.model_info(repo)
assert info.id == repo and [s.rfilename for s in info.siblings] == [".gitattributes"], info
step("model_info", info.sha)
commit = api.upload_file(path_or_fileobj=b"---\nlicense: mit\n---\n# Card\n", path_in_repo="README.md", repo_id=repo)
step("upload_file README.md (validate-yaml, preupload, commit)", commit.oid)
same = api.upload_file(path_or_fileobj=b"---\nlicense: mit\n---\n# Card\n", path_in_repo="README.md", repo_id=repo)
assert same.oid == commit.oid, "an unchanged file must not make a commit"
step("upload_file unchanged (skipped by oid)", same.oid)
card = ModelCard.load(repo, token=os.environ["HF_TOKEN"])
assert card.data.license == "mit", card.data
step("ModelCard.load (resolve/main/README.md)", card.data.license)
with open(hf_hub_download(repo, ".gitattributes", token=os.environ["HF_TOKEN"])) as file:
    assert "filter=lfs" in file.read()
step("hf_hub_download", ".gitattributes")
try:
    api.upload_file(path_or_fileobj=b"---\nlicense: [mit\n---\n", path_in_repo="README.md", repo_id=repo)
    raise AssertionError("broken YAML was accepted")
except ValueError as error:
    step("upload_file broken YAML", str(error).splitlines()[0])
d = api.create_discussion(repo, "Hello", description="first")
assert d.num == 1 and d.events[0].content == "first", d
step("create_discussion", d.num)
c = api.comment_discussion(repo, d.num, "a comment")
step("comment_discussion", c.id)
assert api.edit_discussion_comment(repo, d.num, c.id, "edited").content == "edited"
step("edit_discussion_comment", "edited")
assert api.hide_discussion_comment(repo, d.num, c.id).hidden
step("hide_discussion_comment", "hidden")
step("rename_discussion", api.rename_discussion(repo, d.num, "New title").new_title)
step("change_discussion_status", api.change_discussion_status(repo, d.num, "closed", comment="bye").new_status)
pr = api.create_pull_request(repo, "A PR")
assert pr.status == "draft" and pr.target_branch == "refs/heads/main", pr
api.upload_file(path_or_fileobj=b"x", path_in_repo="x.txt", repo_id=repo, revision=f"refs/pr/{pr.num}")
assert api.get_discussion_details(repo, pr.num).status == "open"
api.merge_pull_request(repo, pr.num)
merged = api.get_discussion_details(repo, pr.num)
assert merged.status == "merged" and merged.merge_commit_oid, merged
step("pull request: draft, commit to refs/pr/N, merge", merged.merge_commit_oid)
opened = api.upload_file(path_or_fileobj=b"y", path_in_repo="y.txt", repo_id=repo, create_pr=True)
step("upload_file create_pr", opened.pr_url)
listed = [(x.num, x.status) for x in api.get_repo_discussions(repo)]
assert listed == [(3, "open"), (2, "merged"), (1, "closed")], listed
step("get_repo_discussions", listed)
api.create_commit(repo, [CommitOperationDelete("x.txt")], commit_message="remove x")
assert "x.txt" not in [s.rfilename for s in api.model_info(repo).siblings]
step("create_commit delete", "x.txt gone")
browse_steps(api, repo, me["name"])
api.update_repo_settings(repo, private=True)
assert api.model_info(repo).private
step("update_repo_settings private", True)
moved = f"{repo}-moved"
api.move_repo(repo, moved)
step("move_repo", api.model_info(moved).id)
assert api.model_info(repo).id == moved, "the old name does not lead to the moved repo"
step("model_info under the old name (307 followed)", moved)
api.delete_repo(moved)
api.delete_repo(moved, missing_ok=True)
try:
    api.model_info(moved)
    raise AssertionError("deleted repo still answers")
except RepositoryNotFoundError:
    step("delete_repo", "RepositoryNotFoundError after")
print("all steps passed")

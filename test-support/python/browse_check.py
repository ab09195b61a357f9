"""Repo browsing and git refs (issue 22), driven as a bot reads a repo after an event."""
from huggingface_hub import CommitOperationAdd, HfApi, HfFileSystem, RepoFile, RepoFolder, hf_hub_download, snapshot_download
from huggingface_hub.errors import HfHubHTTPError
from huggingface_hub.utils import EntryNotFoundError, GatedRepoError, RevisionNotFoundError


def step(name, value):
    print(f"ok  {name}: {value}")


def browse_steps(api, repo, user):
    api.upload_file(path_or_fileobj=b"w", path_in_repo="weights/deep/w.bin", repo_id=repo)
    files = api.list_repo_files(repo)
    assert "weights/deep/w.bin" in files and "README.md" in files, files
    step("list_repo_files", files)
    tree = list(api.list_repo_tree(repo, recursive=True, expand=True))
    folders = [e.path for e in tree if isinstance(e, RepoFolder)]
    assert folders == ["weights", "weights/deep"], folders
    w = next(e for e in tree if e.path == "weights/deep/w.bin")
    assert isinstance(w, RepoFile) and w.size == 1 and w.last_commit and w.last_commit.title, w
    step("list_repo_tree recursive expand", f"{len(tree)} entries, last commit {w.last_commit.title!r}")
    top = [e.path for e in api.list_repo_tree(repo, path_in_repo="weights")]
    assert top == ["weights/deep"], top
    step("list_repo_tree path", top)
    try:
        list(api.list_repo_tree(repo, path_in_repo="nope"))
        raise AssertionError("a missing folder was listed")
    except EntryNotFoundError:
        step("list_repo_tree missing folder", "EntryNotFoundError")
    info = api.get_paths_info(repo, ["README.md", "weights", "nope"], expand=True)
    assert [type(e).__name__ for e in info] == ["RepoFile", "RepoFolder"], info
    step("get_paths_info", [e.path for e in info])
    full = api.model_info(repo, files_metadata=True)
    readme = next(s for s in full.siblings if s.rfilename == "README.md")
    assert readme.size and readme.blob_id, readme
    assert full.card_data and full.card_data.license == "mit" and "license:mit" in full.tags, (full.card_data, full.tags)
    step("model_info files_metadata, cardData, tags", full.tags)
    fs = HfFileSystem(endpoint=api.endpoint, token=api.token)
    found = fs.glob(f"{repo}/**/*.bin")
    assert found == [f"{repo}/weights/deep/w.bin"], found
    step("HfFileSystem.glob", found)
    local = snapshot_download(repo, token=api.token)
    step("snapshot_download", local)

    api.create_branch(repo, branch="dev")
    api.create_branch(repo, branch="dev", exist_ok=True)
    dev = api.upload_file(path_or_fileobj=b"d", path_in_repo="dev.txt", repo_id=repo, revision="dev")
    assert "dev.txt" in api.list_repo_files(repo, revision="dev")
    assert "dev.txt" not in api.list_repo_files(repo)
    assert api.model_info(repo, revision="dev").sha == dev.oid
    step("create_branch, upload_file(revision='dev')", dev.oid)
    head = api.model_info(repo).sha
    api.create_tag(repo, tag="v1", tag_message="first")
    refs = api.list_repo_refs(repo, include_pull_requests=True)
    assert sorted(b.name for b in refs.branches) == ["dev", "main"], refs
    assert [(t.name, t.target_commit) for t in refs.tags] == [("v1", head)], refs
    assert refs.pull_requests is not None
    step("create_tag, list_repo_refs", [t.ref for t in refs.tags])
    assert api.model_info(repo, revision="v1").sha == head
    try:
        api.model_info(repo, revision="nope")
        raise AssertionError("an unknown revision answered")
    except RevisionNotFoundError:
        step("model_info unknown revision", "RevisionNotFoundError")
    commits = api.list_repo_commits(repo, revision="dev")
    assert commits[0].commit_id == dev.oid and commits[0].authors == [user] and commits[-1].title == "initial commit"
    step("list_repo_commits", [c.title for c in commits])
    api.super_squash_history(repo, branch="dev", commit_message="squashed")
    assert [c.title for c in api.list_repo_commits(repo, revision="dev")] == ["squashed"]
    step("super_squash_history", "one commit")
    api.delete_tag(repo, tag="v1")
    api.delete_branch(repo, branch="dev")
    assert [b.name for b in api.list_repo_refs(repo).branches] == ["main"]
    step("delete_tag, delete_branch", "gone")

    stale = api.model_info(repo).sha
    api.upload_file(path_or_fileobj=b"n", path_in_repo="n.txt", repo_id=repo)
    try:
        api.create_commit(repo, [CommitOperationAdd("o.txt", b"o")], commit_message="stale", parent_commit=stale)
        raise AssertionError("a stale parent_commit was accepted")
    except HfHubHTTPError as error:
        assert error.response.status_code == 412, error
        step("create_commit stale parent_commit", 412)
    ignored = api.create_commit(
        repo,
        [CommitOperationAdd(".gitignore", b"*.tmp\n"), CommitOperationAdd("x.tmp", b"t"), CommitOperationAdd("k.txt", b"k")],
        commit_message="with gitignore",
    )
    files = api.list_repo_files(repo)
    assert "x.tmp" not in files and "k.txt" in files, files
    step("create_commit skips .gitignored files (preupload shouldIgnore)", ignored.oid)
    upper = repo.upper()
    assert api.model_info(upper).id == repo
    step("model_info case-insensitive", upper)
    listed = [m.id for m in api.list_models(author=user, search=repo.split("/")[1])]
    assert listed == [repo], listed
    step("list_models author search", listed)
    api.auth_check(repo)
    step("auth_check", "ok")
    api.update_repo_settings(repo, gated="manual")
    assert api.model_info(repo).gated == "manual"
    anonymous = HfApi(endpoint=api.endpoint, token=False)
    try:
        anonymous.auth_check(repo)
        raise AssertionError("a gated repo passed auth_check anonymously")
    except GatedRepoError:
        step("auth_check gated, anonymous", "GatedRepoError")
    try:
        hf_hub_download(repo, "k.txt", token=False, endpoint=api.endpoint)
        raise AssertionError("a gated file downloaded anonymously")
    except GatedRepoError:
        step("hf_hub_download gated, anonymous", "GatedRepoError")
    api.update_repo_settings(repo, gated=False)
    pr = api.upload_file(path_or_fileobj=b"k2\n", path_in_repo="k.txt", repo_id=repo, create_pr=True)
    num = int(pr.pr_url.rstrip("/").split("/")[-1])
    diff = api.get_discussion_details(repo, num).diff
    assert "diff --git a/k.txt b/k.txt" in diff and "+k2" in diff, diff
    step("get_discussion_details diff", diff.splitlines()[0])

"""Large files through Git LFS (issue 22, item 9), as huggingface_hub uploads them without hf_xet installed."""
import hashlib
import os

from huggingface_hub import CommitOperationCopy, HfApi, hf_hub_download


def step(name, value):
    print(f"ok  {name}: {value}")


def lfs_steps(api, repo):
    # 12 MiB: over the 8 MiB part size, so the client's multipart upload (two parts, then the completion POST).
    big = os.urandom(12 * 1024 * 1024)
    sha = hashlib.sha256(big).hexdigest()
    commit = api.upload_file(path_or_fileobj=big, path_in_repo="weights/model.safetensors", repo_id=repo)
    step("upload_file 12 MiB (preupload lfs, LFS batch, multipart, verify, lfsFile commit)", commit.oid)
    small = api.upload_file(path_or_fileobj=b"\x00\x01binary", path_in_repo="tiny.bin", repo_id=repo)
    step("upload_file small .bin (.gitattributes sends it to LFS, basic transfer)", small.oid)
    info = api.model_info(repo, files_metadata=True)
    sibling = next(s for s in info.siblings if s.rfilename == "weights/model.safetensors")
    assert sibling.size == len(big) and sibling.lfs and sibling.lfs.sha256 == sha, sibling
    step("model_info files_metadata siblings[].lfs", sibling.lfs)
    entry = next(e for e in api.list_repo_tree(repo, path_in_repo="weights"))
    assert entry.lfs and entry.lfs.sha256 == sha and entry.lfs.size == len(big), entry
    step("list_repo_tree lfs", entry.lfs.pointer_size)
    path = hf_hub_download(repo, "weights/model.safetensors", token=api.token, endpoint=api.endpoint)
    with open(path, "rb") as file:
        assert hashlib.sha256(file.read()).hexdigest() == sha
    step("hf_hub_download 12 MiB", path)
    with open(hf_hub_download(repo, "tiny.bin", token=api.token, endpoint=api.endpoint), "rb") as file:
        assert file.read() == b"\x00\x01binary"
    step("hf_hub_download small LFS file", "tiny.bin")
    head = api.model_info(repo).sha
    same = api.upload_file(path_or_fileobj=big, path_in_repo="weights/model.safetensors", repo_id=repo)
    assert same.oid == head and api.model_info(repo).sha == head, "an unchanged LFS file must not make a commit"
    step("upload_file unchanged LFS file (skipped by sha256)", same.oid)
    again = api.upload_file(path_or_fileobj=big, path_in_repo="copy.safetensors", repo_id=repo)
    step("upload_file of an object the repo has (no upload)", again.oid)
    api.create_commit(repo, [CommitOperationCopy("tiny.bin", "tiny-copy.bin")], commit_message="copy")
    assert next(e for e in api.get_paths_info(repo, ["tiny-copy.bin"])).lfs.size == 8
    step("CommitOperationCopy of an LFS file", "tiny-copy.bin")


if __name__ == "__main__":
    api = HfApi(endpoint=os.environ["HF_ENDPOINT"], token=os.environ["HF_TOKEN"])
    repo = api.create_repo(f"lfs-{os.urandom(4).hex()}").repo_id
    lfs_steps(api, repo)

"""The create_webhook(job_id=…) docstring flow with the official huggingface_hub client against `hubhooks serve
--jobs-runner local`: run a job, make it a webhook's, commit, and the triggered job's logs print the repo id.

HF_ENDPOINT and HF_TOKEN name the server and a token; each step prints one line and the first failure stops it.
"""
import os
import time
import uuid

from huggingface_hub import HfApi

api = HfApi(endpoint=os.environ["HF_ENDPOINT"], token=os.environ["HF_TOKEN"])
me = api.whoami()["name"]
repo = f"{me}/jobs-{uuid.uuid4().hex[:8]}"


def step(name, value):
    print(f"ok  {name}: {value}")


job = api.run_job(image="ubuntu", command=["bash", "-c", "echo $WEBHOOK_REPO_ID"], labels={"check": "python"})
assert job.status.stage == "SCHEDULING" and job.owner.name == me, job
step("run_job", job.id)
done = api.wait_for_job(job_id=job.id, timeout=60)
assert done.status.stage == "COMPLETED", done
step("wait_for_job", done.status.stage)
assert done.durations is not None and done.durations.running_secs is not None, done.durations
assert done.status.expose_urls is None, done.status
step("JobInfo durations", done.durations)
webhook = api.create_webhook(job_id=job.id, watched=[{"type": "user", "name": me}], domains=["repo"])
assert webhook.url is None and webhook.job.docker_image == "ubuntu", webhook
assert webhook.job.command == ["bash", "-c", "echo $WEBHOOK_REPO_ID"], webhook.job
step("create_webhook(job_id=…)", webhook.id)
assert api.get_webhook(webhook.id).job.command == webhook.job.command
step("get_webhook job", webhook.job.command)
api.create_repo(repo.split("/")[1])
step("create_repo", repo)
deadline = time.time() + 60
triggered = []
while not triggered and time.time() < deadline:
    triggered = [j for j in api.list_jobs() if j.initiator and j.initiator.type == "webhook"]
    time.sleep(0.2)
assert triggered, "no job started by the webhook"
step("list_jobs shows the triggered job", triggered[0].id)
finished = api.wait_for_job(job_id=triggered[0].id, timeout=60)
assert finished.status.stage == "COMPLETED", finished
logs = list(api.fetch_job_logs(job_id=triggered[0].id))
assert repo in logs, logs
step("fetch_job_logs prints the repo id", repo)
assert [j.id for j in api.list_jobs(labels={"check": "python"})][-1] == job.id
step("list_jobs(labels=…)", "filtered")
sleeper = api.run_job(image="ubuntu", command=["sleep", "600"], timeout="10m")
api.cancel_job(job_id=sleeper.id)
assert api.inspect_job(job_id=sleeper.id).status.stage == "CANCELED"
step("cancel_job", "CANCELED")
labelled = api.update_job_labels(job_id=job.id, labels={"env": "prod"})
assert labelled.labels == {"env": "prod"}, labelled
step("update_job_labels", labelled.labels)
api.delete_webhook(webhook.id)
print("all jobs steps passed")
scheduled = api.create_scheduled_job(image="ubuntu", command=["echo", "scheduled"], schedule="@hourly")
assert scheduled.schedule == "@hourly" and scheduled.status.next_job_run_at is not None, scheduled
assert scheduled.job_spec.command == ["echo", "scheduled"], scheduled.job_spec
step("create_scheduled_job", scheduled.status.next_job_run_at)
assert scheduled.id in [s.id for s in api.list_scheduled_jobs()]
step("list_scheduled_jobs", "listed")
relabelled = api.update_scheduled_job_labels(scheduled_job_id=scheduled.id, labels={"env": "nightly"})
assert relabelled.job_spec.labels == {"env": "nightly"}, relabelled.job_spec
step("update_scheduled_job_labels", relabelled.job_spec.labels)
api.suspend_scheduled_job(scheduled_job_id=scheduled.id)
assert api.inspect_scheduled_job(scheduled_job_id=scheduled.id).suspend is True
api.resume_scheduled_job(scheduled_job_id=scheduled.id)
assert api.inspect_scheduled_job(scheduled_job_id=scheduled.id).suspend is False
step("suspend/resume_scheduled_job", "resumed")
api.delete_scheduled_job(scheduled_job_id=scheduled.id)
step("delete_scheduled_job", scheduled.id)
print("all scheduled-jobs steps passed")
hardware = api.list_jobs_hardware()
assert "cpu-basic" in [h.name for h in hardware] and all(h.accelerator is None for h in hardware), hardware
step("list_jobs_hardware", f"{len(hardware)} flavors, {hardware[0].cpu}, {hardware[0].ram}")

-- The request bench/api.sh and bench/api-profile.sh send with wrk: POST /api/v1/versions/next with five tags, as
-- bearer the token in RK_TOKEN (empty for the minimal service, which takes none).
wrk.method = "POST"
wrk.body = '{"tags":["v1.2.3","v1.3.0","v1.2.9","v0.9.1","not-a-version"],"prefix":"v"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("RK_TOKEN") or "")

-- Healthy when the operator reports the filesystem Ready; Degraded on Failure.
local hs = { status = "Progressing", message = "waiting for the filesystem to be created" }
if obj.status == nil or obj.status.phase == nil then return hs end
if obj.status.phase == "Ready" then hs.status = "Healthy"; hs.message = "Ready"
elseif obj.status.phase == "Failure" then hs.status = "Degraded"; hs.message = "Failure"
else hs.message = obj.status.phase end
return hs

import { PermanentFailure, type Executor } from "./context";

export const requestApprovalAction: Executor<"request_approval"> = async (action) => {
  throw new PermanentFailure(`Approvals are not available yet (approval "${action.approval}")`);
};

import { deleteModelVersionTag } from "../../services/registry/delete-model-version-tag";
import { deleteRegisteredModelAlias } from "../../services/registry/delete-registered-model-alias";
import { deleteRegisteredModelTag } from "../../services/registry/delete-registered-model-tag";
import { getRegisteredModel } from "../../services/registry/get-registered-model";
import { registerModelVersion } from "../../services/registry/register-model-version";
import { searchModelVersions } from "../../services/registry/search-model-versions";
import { searchRegisteredModels } from "../../services/registry/search-registered-models";
import { setModelVersionTag } from "../../services/registry/set-model-version-tag";
import { setRegisteredModelAlias } from "../../services/registry/set-registered-model-alias";
import { setRegisteredModelTag } from "../../services/registry/set-registered-model-tag";
import { transitionModelVersionStage } from "../../services/registry/transition-model-version-stage";
import { updateModelVersion } from "../../services/registry/update-model-version";
import { updateRegisteredModel } from "../../services/registry/update-registered-model";
import type { Verb } from "../../services/verb";
import type { ServiceContext } from "../../services/context";
import type { z } from "zod";
import { procedure, router } from "../init";

// The model registry pages: the same verbs as MLflow's REST endpoints, plus "register" (model and
// version in one step, from a run or a logged model).
const query = <S extends z.ZodType, R>(verb: Verb<S, R, ServiceContext>) =>
  procedure.input(verb.input).query(async ({ ctx, input }) => verb({ ctx: await ctx.services(), input: input as z.output<S> }));
const mutation = <S extends z.ZodType, R>(verb: Verb<S, R, ServiceContext>) =>
  procedure.input(verb.input).mutation(async ({ ctx, input }) => verb({ ctx: await ctx.services(), input: input as z.output<S> }));

export const registryRouter = router({
  searchModels: query(searchRegisteredModels),
  getModel: query(getRegisteredModel),
  searchVersions: query(searchModelVersions),
  updateModel: mutation(updateRegisteredModel),
  setModelTag: mutation(setRegisteredModelTag),
  deleteModelTag: mutation(deleteRegisteredModelTag),
  setAlias: mutation(setRegisteredModelAlias),
  deleteAlias: mutation(deleteRegisteredModelAlias),
  transitionStage: mutation(transitionModelVersionStage),
  updateVersion: mutation(updateModelVersion),
  setVersionTag: mutation(setModelVersionTag),
  deleteVersionTag: mutation(deleteModelVersionTag),
  register: mutation(registerModelVersion),
});

import { modelIn } from "../../auth/resource-refs";
import { LISTING, SIGNED_IN, allOf, edit, read } from "../../auth/rules";
import { REGISTER_VERSION_ACCESS } from "../../auth/source-refs";
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
import { router, verbMutation, verbQuery } from "../init";
import { updateModelVersion } from "../../services/registry/update-model-version";
import { updateRegisteredModel } from "../../services/registry/update-registered-model";

// The model registry pages: the same verbs as MLflow's REST endpoints, plus "register" (model and
// version in one step, from a run or a logged model).

export const registryRouter = router({
  searchModels: verbQuery(searchRegisteredModels, LISTING),
  getModel: verbQuery(getRegisteredModel, read(modelIn("name"))),
  searchVersions: verbQuery(searchModelVersions, LISTING),
  updateModel: verbMutation(updateRegisteredModel, edit(modelIn("name"))),
  setModelTag: verbMutation(setRegisteredModelTag, edit(modelIn("name"))),
  deleteModelTag: verbMutation(deleteRegisteredModelTag, edit(modelIn("name"))),
  setAlias: verbMutation(setRegisteredModelAlias, edit(modelIn("name"))),
  deleteAlias: verbMutation(deleteRegisteredModelAlias, edit(modelIn("name"))),
  transitionStage: verbMutation(transitionModelVersionStage, edit(modelIn("name"))),
  updateVersion: verbMutation(updateModelVersion, edit(modelIn("name"))),
  setVersionTag: verbMutation(setModelVersionTag, edit(modelIn("name"))),
  deleteVersionTag: verbMutation(deleteModelVersionTag, edit(modelIn("name"))),
  register: verbMutation(registerModelVersion, allOf(REGISTER_VERSION_ACCESS, SIGNED_IN)),
});

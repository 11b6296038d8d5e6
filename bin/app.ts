#!/usr/bin/env node
// The CDK app: `npx cdk synth` / `npx cdk deploy --all` (docs/deploy.md).
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { addRecordalStacks } from '../lib/recordal-app.js';

const app = new App();
addRecordalStacks(app);
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();

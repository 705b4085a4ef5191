import plugin from './index';
import { describeSalesforceConformance } from './test-support/conformance-suites';

describeSalesforceConformance(plugin);

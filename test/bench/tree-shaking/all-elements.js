// The same page registering every element (the package's `envmap/define`): what tree-shaking saves.
import 'envmap/define';
